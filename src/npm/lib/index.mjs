// The ES module entry of vapi-check: the same functions as the CommonJS entry (lib/index.js).
import api from "./index.js";

export const { validateMessage, validateReply, messageKinds, replyKinds, schemaIndex } = api;
export default api;
