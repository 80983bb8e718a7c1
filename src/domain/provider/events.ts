// What the provider area announces to the outside.
export type ProviderEvent = { readonly commonhost: "profile.updated" };
