// A typed webhook handler, compiled with `tsc --strict --noEmit` against the installed package: every message
// type has a case, each case sees its own model (narrowed on message.type), the switch is exhaustive, and the
// literal bodies below must satisfy the generated types (the @ts-expect-error lines must fail to compile).
import {
  validateMessage,
  validateReply,
  type Message,
  type MessageType,
  type Reply,
  type ValidationResult,
  type WebhookBody,
} from "vapi-check";

function describe(message: Message): string {
  switch (message.type) {
    case "assistant-request":
      return `assistant request from ${message.call?.id ?? "?"}`;
    case "conversation-update":
      return `conversation of ${message.messages?.length ?? 0} messages`;
    case "end-of-call-report":
      return `ended: ${message.endedReason}`;
    case "hang":
      return "hang";
    case "knowledge-base-request":
      return `knowledge base request, ${message.messages?.length ?? 0} messages`;
    case "language-change-detected":
      return `language ${message.language}`;
    case "model-output":
      return "model output";
    case "phone-call-control":
      return `phone call control: ${message.request}`;
    case "speech-update":
      return `${message.role} ${message.status}`;
    case "status-update":
      return `status ${message.status}`;
    case "tool-calls":
      return message.toolCallList.map((c) => `${c.function.name}(${JSON.stringify(c.function.arguments)})`).join(", ");
    case "transcript":
    case 'transcript[transcriptType="final"]':
      return `${message.role}: ${message.transcript}`;
    case "transfer-destination-request":
      return "transfer destination request";
    case "transfer-update":
      return `transfer to ${message.destination?.type ?? "?"}`;
    case "user-interrupted":
      return "user interrupted";
    case "voice-input":
      return `voice input: ${message.input}`;
    case "voice-request":
      return `voice request: ${message.text} at ${message.sampleRate} Hz`;
    default: {
      const unreachable: never = message;
      return `unknown ${(unreachable as { type: string }).type}`;
    }
  }
}

export function handle(raw: string): Reply<"tool-calls"> | null {
  const result: ValidationResult = validateMessage(raw, { profile: "lenient" });
  if (!result.valid) {
    for (const e of result.errors) console.log(`${e.instanceLocation}: ${e.message} (${e.keyword}, ${e.code})`);
    return null;
  }
  const body = JSON.parse(raw) as WebhookBody;
  console.log(describe(body.message));
  if (body.message.type !== "tool-calls") return null;
  const reply: Reply<"tool-calls"> = {
    results: body.message.toolCallList.map((c) => ({ name: c.function.name, toolCallId: c.id, result: "ok" })),
  };
  const checked = validateReply("tool-calls", reply, { profile: "strict" });
  const kind: "tool-calls" | null = checked.messageType;
  return checked.valid && kind !== null ? reply : null;
}

// Typed fixtures.
export const statusUpdate = {
  message: { type: "status-update", status: "in-progress" },
} satisfies WebhookBody;
export const newStatus = {
  message: { type: "status-update", status: "a-status-newer-than-the-snapshot" }, // open enum: any string
} satisfies WebhookBody;
export const toolCalls = {
  message: {
    type: "tool-calls",
    toolCallList: [{ id: "call_1", type: "function", function: { name: "lookup", arguments: { q: "x" } } }],
    toolWithToolCallList: [],
  },
} satisfies WebhookBody;
export const speech = { message: { type: "speech-update", status: "started", role: "user" } } satisfies WebhookBody;
export const kinds: MessageType[] = ["hang", "tool-calls"];

// @ts-expect-error a message type the snapshot does not know has no type
export const unknownKind = { message: { type: "no-such-kind" } } satisfies WebhookBody;
// @ts-expect-error tool-calls requires toolCallList
export const missingList = { message: { type: "tool-calls", toolWithToolCallList: [] } } satisfies WebhookBody;
// @ts-expect-error a tool call's function.name is a string
export const badName = { results: [{ name: 42, toolCallId: "call_1" }] } satisfies Reply<"tool-calls">;
// @ts-expect-error a tool-calls reply needs results or error
export const emptyReply = {} satisfies Reply<"tool-calls">;
export const errorReply = { error: "the lookup service is down" } satisfies Reply<"tool-calls">;
// @ts-expect-error an assistant-request reply needs an assistant, squad, destination or error
export const noAssistant = { assistantOverrides: {} } satisfies Reply<"assistant-request">;
export const byId = { assistantId: "a1" } satisfies Reply<"assistant-request">;
// @ts-expect-error "speech-update" has no reply model
validateReply("speech-update", {});
