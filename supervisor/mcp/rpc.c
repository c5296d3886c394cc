/* rpc: JSON-RPC 2.0 decode and encode (see rpc.h). */
#include "rpc.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jsonin.h"

/* An id longer than this is not one anybody needs; refusing it keeps every
 * echo of it small. */
#define RPC_MAX_ID_STRING 256

static bool valid_id(const cJSON *id)
{
	if (cJSON_IsString(id))
		return strlen(id->valuestring) <= RPC_MAX_ID_STRING;
	return cJSON_IsNumber(id) && id->valuedouble == floor(id->valuedouble) &&
	       fabs(id->valuedouble) < 9007199254740992.0;
}

int rpc_decode(const char *line, size_t len, struct rpc_msg *out, cJSON **id_out, char *why, size_t why_len)
{
	*out = (struct rpc_msg){0};
	if (id_out)
		*id_out = NULL;
	char pwhy[128];
	cJSON *root = jsonin_parse(line, len, pwhy, sizeof pwhy);
	if (!root) {
		snprintf(why, why_len, "%s", pwhy);
		return -EPROTO;
	}
	const cJSON *ver = cJSON_GetObjectItemCaseSensitive(root, "jsonrpc");
	const cJSON *id = cJSON_GetObjectItemCaseSensitive(root, "id");
	const cJSON *method = cJSON_GetObjectItemCaseSensitive(root, "method");
	cJSON *params = cJSON_GetObjectItemCaseSensitive(root, "params");
	cJSON *result = cJSON_GetObjectItemCaseSensitive(root, "result");
	const cJSON *error = cJSON_GetObjectItemCaseSensitive(root, "error");
	if (id_out && valid_id(id))
		*id_out = cJSON_Duplicate(id, false);
	const char *bad = NULL;
	if (!cJSON_IsObject(root))
		bad = "not a JSON object";
	else if (!cJSON_IsString(ver) || strcmp(ver->valuestring, "2.0"))
		bad = "\"jsonrpc\" is not \"2.0\"";
	else if (id && !valid_id(id) && !(error && cJSON_IsNull(id)))
		bad = "\"id\" is neither a string (at most 256 bytes) nor an integer";
	if (bad)
		goto fail;
	out->root = root;
	out->id = id;
	if (method) {
		if (!cJSON_IsString(method) || !method->valuestring[0]) {
			bad = "\"method\" is not a non-empty string";
			goto fail;
		}
		if (params && !cJSON_IsObject(params)) {
			bad = "\"params\" is not an object";
			goto fail;
		}
		out->kind = id ? RPC_REQUEST : RPC_NOTIFICATION;
		out->method = method->valuestring;
		out->params = params;
		return 0;
	}
	if (!id) {
		bad = "neither a request (\"method\") nor a response (\"id\")";
		goto fail;
	}
	if (result && !error) {
		out->kind = RPC_RESULT;
		out->result = result;
		return 0;
	}
	if (error && !result) {
		const cJSON *code = cJSON_GetObjectItemCaseSensitive(error, "code");
		const cJSON *msg = cJSON_GetObjectItemCaseSensitive(error, "message");
		out->kind = RPC_ERROR;
		out->err_code = cJSON_IsNumber(code) ? (long)code->valuedouble : RPC_INTERNAL_ERROR;
		out->err_message = cJSON_IsString(msg) ? msg->valuestring : "(no message)";
		return 0;
	}
	bad = "a response needs exactly one of \"result\" and \"error\"";
fail:
	snprintf(why, why_len, "%s", bad);
	cJSON_Delete(root);
	*out = (struct rpc_msg){0};
	return -EPROTO;
}

void rpc_msg_free(struct rpc_msg *m)
{
	if (!m)
		return;
	cJSON_Delete(m->root);
	*m = (struct rpc_msg){0};
}

int64_t rpc_int_id(const cJSON *id)
{
	if (!cJSON_IsNumber(id) || id->valuedouble < 0 || id->valuedouble > 9007199254740991.0 ||
	    id->valuedouble != floor(id->valuedouble))
		return -1;
	return (int64_t)id->valuedouble;
}

static char *finish(cJSON *m)
{
	char *s = m ? cJSON_PrintUnformatted(m) : NULL;
	cJSON_Delete(m);
	if (!s)
		return NULL;
	size_t n = strlen(s);
	char *line = realloc(s, n + 2);
	if (!line) {
		free(s);
		return NULL;
	}
	line[n] = '\n';
	line[n + 1] = '\0';
	return line;
}

static cJSON *envelope(void)
{
	cJSON *m = cJSON_CreateObject();
	if (m && !cJSON_AddStringToObject(m, "jsonrpc", "2.0")) {
		cJSON_Delete(m);
		return NULL;
	}
	return m;
}

/* Adds item to m under key; consumes item; false (m intact) on failure. */
static bool put(cJSON *m, const char *key, cJSON *item)
{
	if (!m || !item || !cJSON_AddItemToObject(m, key, item)) {
		cJSON_Delete(item);
		return false;
	}
	return true;
}

/* A request (id >= 0) or a notification (id < 0): the envelope, the id,
 * the method and the params (owned, freed on failure). */
static char *call(int64_t id, const char *method, cJSON *params)
{
	cJSON *m = envelope();
	if (!m || (id >= 0 && !cJSON_AddNumberToObject(m, "id", (double)id)) ||
	    !cJSON_AddStringToObject(m, "method", method)) {
		cJSON_Delete(params);
		cJSON_Delete(m);
		return NULL;
	}
	if (params && !put(m, "params", params)) {
		cJSON_Delete(m);
		return NULL;
	}
	return finish(m);
}

char *rpc_request(int64_t id, const char *method, cJSON *params)
{
	return call(id < 0 ? 0 : id, method, params);
}

char *rpc_notification(const char *method, cJSON *params)
{
	return call(-1, method, params);
}

char *rpc_result(const cJSON *id, cJSON *result)
{
	cJSON *m = envelope();
	if (!put(m, "id", id ? cJSON_Duplicate(id, false) : cJSON_CreateNull()) ||
	    !put(m, "result", result ? result : cJSON_CreateObject())) {
		cJSON_Delete(m);
		return NULL;
	}
	return finish(m);
}

char *rpc_error(const cJSON *id, long code, const char *message)
{
	cJSON *m = envelope(), *e = cJSON_CreateObject();
	if (!e || !cJSON_AddNumberToObject(e, "code", (double)code) ||
	    !cJSON_AddStringToObject(e, "message", message) ||
	    !put(m, "id", id ? cJSON_Duplicate(id, false) : cJSON_CreateNull())) {
		cJSON_Delete(e);
		cJSON_Delete(m);
		return NULL;
	}
	if (!put(m, "error", e)) {
		cJSON_Delete(m);
		return NULL;
	}
	return finish(m);
}
