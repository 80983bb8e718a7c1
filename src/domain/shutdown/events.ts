// What the shutdown area announces to the outside.
export type ShutdownEvent =
  | { readonly commonhost: "shutdown.announced"; readonly id: string }
  | { readonly commonhost: "shutdown.withdrawn"; readonly id: string }
  | { readonly commonhost: "shutdown.moved"; readonly id: string }
  /** One current fellow network member told that the notice stands or was withdrawn (one event per member). */
  | { readonly commonhost: "shutdown.member.told"; readonly id: string; readonly to: string }
  | { readonly commonhost: "succession.answered"; readonly key: string };
