// The consumers of domain events, each with its own cursor on every tenant's audit chain (EventCursor). A consumer
// added here comes with a migration that starts existing tenants' cursors at their chain's head (as
// 20261206091733_domain_event_cursors does for "notices" and "webhooks"), or it would hear their whole history.
import type { EventConsumer } from "./domain-event";

export const EVENT_CONSUMERS: readonly EventConsumer[] = [];
