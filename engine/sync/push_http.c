/*
 * ailit push's HTTP: libcurl behind the small SyncPushTransport seam.
 *
 * Invariants: peer and host verification stay libcurl's default (on, with the
 * system's certificates); redirects are not followed (they would carry the password
 * elsewhere); verbose output stays off; the password lives only in this handle and
 * in libcurl's, and is wiped when the handle closes.
 */
#include "sync/sync_internal.h"

#include <assert.h>
#include <curl/curl.h>
#include <stdlib.h>
#include <string.h>

struct SyncHttp {
    CURL *curl;
    struct curl_slist *json_headers, *get_headers;
    char *user, *password;
};

/* Wipes and frees a secret string. */
static void secret_free(char *s) {
    if (!s) return;
    volatile char *p = s;
    while (*p) *p++ = 0;
    free(s);
}

/* An answer longer than this is no LRS's answer to ailit: the transfer stops (a
 * network error), so a hostile server cannot fill the memory. */
#define HTTP_MAX_ANSWER (16u << 20)

static size_t on_data(char *data, size_t size, size_t count, void *buffer) {
    AilBuf *buf = buffer;
    if (buf->len + size * count > HTTP_MAX_ANSWER) return 0;
    ail_buf_append(buf, data, size * count);
    return size * count;
}

/* The options every request shares; false when libcurl refused one. */
static bool set_common(SyncHttp *h) {
    CURL *c = h->curl;
    bool ok = curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L) == CURLE_OK &&
              curl_easy_setopt(c, CURLOPT_VERBOSE, 0L) == CURLE_OK &&
              curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L) == CURLE_OK &&
              curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https") == CURLE_OK &&
              curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 30L) == CURLE_OK &&
              /* a stalled connection (under 1 byte/s for a minute) is a network error */
              curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, 1L) == CURLE_OK &&
              curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, 60L) == CURLE_OK &&
              curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_data) == CURLE_OK &&
              curl_easy_setopt(c, CURLOPT_USERAGENT, "ailit") == CURLE_OK;
    if (ok && h->user)
        ok = curl_easy_setopt(c, CURLOPT_HTTPAUTH, (long)CURLAUTH_BASIC) == CURLE_OK &&
             curl_easy_setopt(c, CURLOPT_USERNAME, h->user) == CURLE_OK &&
             curl_easy_setopt(c, CURLOPT_PASSWORD, h->password ? h->password : "") == CURLE_OK;
    return ok;
}

AilResult sync_http_open(const char *user, const char *password, SyncHttp **out, AilError *err) {
    *out = NULL;
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
        return ail_error_set(err, AIL_ERR_IO, "cannot start libcurl (the HTTP library)");
    SyncHttp *h = ail_xcalloc(1, sizeof *h);
    h->curl = curl_easy_init();
    h->user = user ? ail_xstrdup(user) : NULL;
    h->password = user && password ? ail_xstrdup(password) : NULL;
    struct curl_slist *j = NULL, *g = NULL;
    j = curl_slist_append(j, "X-Experience-API-Version: 1.0.3");
    j = j ? curl_slist_append(j, "Content-Type: application/json") : NULL;
    g = curl_slist_append(g, "X-Experience-API-Version: 1.0.3");
    h->json_headers = j;
    h->get_headers = g;
    if (!h->curl || !j || !g || !set_common(h)) {
        sync_http_close(h);
        return ail_error_set(err, AIL_ERR_NOMEM, "cannot set up libcurl (out of memory?)");
    }
    *out = h;
    return AIL_OK;
}

void sync_http_request(void *http, const char *method, const char *url, const char *body,
                       size_t len, SyncHttpReply *reply) {
    SyncHttp *h = http;
    assert(h && method && url && reply);
    ail_buf_clear(&reply->body);
    reply->status = 0;
    reply->error[0] = 0;
    char curl_error[CURL_ERROR_SIZE] = "";
    CURL *c = h->curl;
    bool post = body != NULL;
    CURLcode rc = curl_easy_setopt(c, CURLOPT_URL, url);
    if (rc == CURLE_OK) rc = curl_easy_setopt(c, CURLOPT_ERRORBUFFER, curl_error);
    if (rc == CURLE_OK) rc = curl_easy_setopt(c, CURLOPT_WRITEDATA, &reply->body);
    if (rc == CURLE_OK)
        rc = curl_easy_setopt(c, CURLOPT_HTTPHEADER, post ? h->json_headers : h->get_headers);
    if (rc == CURLE_OK && post)
        rc = curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)len);
    if (rc == CURLE_OK && post) rc = curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
    if (rc == CURLE_OK && !post) rc = curl_easy_setopt(c, CURLOPT_HTTPGET, 1L);
    if (rc == CURLE_OK)
        rc = curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST,
                              strcmp(method, post ? "POST" : "GET") ? method : NULL);
    if (rc == CURLE_OK) rc = curl_easy_perform(c);
    if (rc == CURLE_OK) rc = curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &reply->status);
    if (rc != CURLE_OK) {
        reply->status = 0;
        snprintf(reply->error, sizeof reply->error, "%s",
                 curl_error[0] ? curl_error : curl_easy_strerror(rc));
    }
    /* curl_error dies here; libcurl must not keep pointing at it */
    (void)curl_easy_setopt(c, CURLOPT_ERRORBUFFER, NULL);
}

void sync_http_close(SyncHttp *h) {
    if (!h) return;
    if (h->curl) curl_easy_cleanup(h->curl);
    curl_slist_free_all(h->json_headers);
    curl_slist_free_all(h->get_headers);
    secret_free(h->user);
    secret_free(h->password);
    free(h);
    curl_global_cleanup();
}
