// What the announcements area announces to the outside.
export type AnnouncementEvent =
  | { readonly commonhost: "announcement.created"; readonly id: string }
  | { readonly commonhost: "announcement.updated"; readonly id: string }
  | { readonly commonhost: "announcement.deleted"; readonly id: string; readonly deletedAt: string };
