// What the shutdown area announces to the outside.
export type ShutdownEvent =
  | { readonly commonhost: "shutdown.announced"; readonly id: string }
  | { readonly commonhost: "shutdown.withdrawn"; readonly id: string }
  | { readonly commonhost: "shutdown.moved"; readonly id: string }
  | { readonly commonhost: "succession.answered"; readonly key: string };
