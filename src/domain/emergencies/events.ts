// What the emergencies area announces: one delivery of an emergency (its declaration or its
// resolution) to one fellow member, so that a member that is down does not hold back the others.
export type EmergencyEvent = {
  readonly commonhost: "emergency.deliver";
  readonly key: string;
  readonly to: string;
  readonly type: "Create" | "Update";
};
