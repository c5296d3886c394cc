/* rpc: JSON-RPC 2.0 messages as MCP's stdio transport carries them (one
 * JSON object per line), decoded once into a typed message, and the one
 * encoder for every line codecell mcp writes to a client or a downstream
 * server.
 * Runs in: supervisor (codecell mcp). Input: lines from the MCP client and
 * from downstream servers (untrusted). */
#pragma once

#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The MCP revision codecell mcp speaks, as server and as client. */
#define RPC_MCP_VERSION      "2025-06-18"
#define RPC_MCP_VERSION_TEXT "2025-06-18"

/* JSON-RPC error codes (JSON-RPC 2.0 section 5.1). */
enum {
	RPC_PARSE_ERROR = -32700,
	RPC_INVALID_REQUEST = -32600,
	RPC_METHOD_NOT_FOUND = -32601,
	RPC_INVALID_PARAMS = -32602,
	RPC_INTERNAL_ERROR = -32603,
};

enum rpc_kind { RPC_REQUEST, RPC_NOTIFICATION, RPC_RESULT, RPC_ERROR };

struct rpc_msg {
	enum rpc_kind kind;
	cJSON *root;             /* owned; the pointers below borrow from it */
	const cJSON *id;         /* REQUEST, RESULT, ERROR: a string or an integer (ERROR: maybe null) */
	const char *method;      /* REQUEST, NOTIFICATION */
	cJSON *params;           /* REQUEST, NOTIFICATION: an object, or NULL when absent */
	cJSON *result;           /* RESULT */
	long err_code;           /* ERROR */
	const char *err_message; /* ERROR: never NULL */
};

/* Decodes one line. 0, or -EPROTO with the reason in why (the message is
 * then unusable; *id_out, when not NULL, receives a copy of its id if one
 * could be read, so the caller can answer with an error). */
int rpc_decode(const char *line, size_t len, struct rpc_msg *out, cJSON **id_out, char *why, size_t why_len);
void rpc_msg_free(struct rpc_msg *m);

/* An integer id as our own requests use; -1 when id is not one. */
int64_t rpc_int_id(const cJSON *id);

/* ---- encoding: every line ends in '\n'; params/result are consumed ---- */
char *rpc_request(int64_t id, const char *method, cJSON *params);
char *rpc_notification(const char *method, cJSON *params);
char *rpc_result(const cJSON *id, cJSON *result);
char *rpc_error(const cJSON *id, long code, const char *message);
