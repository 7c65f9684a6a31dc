#ifndef DRTOP_CCURL_SHIM_H
#define DRTOP_CCURL_SHIM_H
#include <curl/curl.h>
#include <openssl/opensslv.h>
#include <openssl/crypto.h>
#include <openssl/ssl.h>
#include <openssl/x509_vfy.h>
#include <string.h>
#include <stdlib.h>
#include <pthread.h>

/* Swift cannot call C variadic functions: typed wrappers for the calls drtop makes. */
static inline CURLcode drtop_curl_set_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}
static inline CURLcode drtop_curl_set_pointer(CURL *handle, CURLoption option, const void *value) {
    return curl_easy_setopt(handle, option, value);
}
static inline CURLcode drtop_curl_set_size(CURL *handle, CURLoption option, curl_off_t value) {
    return curl_easy_setopt(handle, option, value);
}
typedef size_t (*drtop_curl_data_callback)(char *data, size_t size, size_t count, void *context);
static inline CURLcode drtop_curl_set_callback(CURL *handle, CURLoption option, drtop_curl_data_callback value) {
    return curl_easy_setopt(handle, option, value);
}
static inline long drtop_curl_status(CURL *handle) {
    long status = 0;
    curl_easy_getinfo(handle, CURLINFO_RESPONSE_CODE, &status);
    return status;
}

/* One share of TLS sessions and DNS answers for all of a transport's easy handles (CURLSH), so that a second
 * connection to a host resumes the first one's TLS session (no certificate to decode and verify again) and a host
 * name is resolved once, not once per handle. Connections themselves stay with their handle: libcurl does not
 * support sharing its connection cache between threads. The locks libcurl asks for are one mutex per kind of data. */
typedef struct {
    pthread_mutex_t locks[CURL_LOCK_DATA_LAST];
} drtop_share_locks;

static void drtop_share_lock(CURL *handle, curl_lock_data data, curl_lock_access access, void *user) {
    (void)handle;
    (void)access;
    if (data >= 0 && data < CURL_LOCK_DATA_LAST) pthread_mutex_lock(&((drtop_share_locks *)user)->locks[data]);
}

static void drtop_share_unlock(CURL *handle, curl_lock_data data, void *user) {
    (void)handle;
    if (data >= 0 && data < CURL_LOCK_DATA_LAST) pthread_mutex_unlock(&((drtop_share_locks *)user)->locks[data]);
}

/* Frees a share and its locks, once no easy handle uses it. */
static inline void drtop_share_free(CURLSH *share, void *locks) {
    int kind;
    curl_share_cleanup(share);
    for (kind = 0; kind < CURL_LOCK_DATA_LAST; kind++) pthread_mutex_destroy(&((drtop_share_locks *)locks)->locks[kind]);
    free(locks);
}

/* A new share of TLS sessions and DNS answers, its locks in `*locks_out` (for drtop_share_free); NULL when libcurl
 * refuses one (handles then keep their own). One per transport: its handles trust the same roots, so a session one
 * of them verified may be resumed by another (never by a handle that trusts other roots). */
static inline CURLSH *drtop_share_new(void **locks_out) {
    CURLSH *share;
    drtop_share_locks *locks;
    int kind;
    *locks_out = NULL;
    share = curl_share_init();
    if (share == NULL) return NULL;
    locks = (drtop_share_locks *)malloc(sizeof *locks);
    if (locks == NULL) {
        curl_share_cleanup(share);
        return NULL;
    }
    for (kind = 0; kind < CURL_LOCK_DATA_LAST; kind++) pthread_mutex_init(&locks->locks[kind], NULL);
    /* The locks' data before the functions that use it, so that a cleanup after any failure below finds it. */
    if (curl_share_setopt(share, CURLSHOPT_USERDATA, (void *)locks) != CURLSHE_OK
        || curl_share_setopt(share, CURLSHOPT_LOCKFUNC, drtop_share_lock) != CURLSHE_OK
        || curl_share_setopt(share, CURLSHOPT_UNLOCKFUNC, drtop_share_unlock) != CURLSHE_OK) {
        drtop_share_free(share, locks);
        return NULL;
    }
    /* Each kind shared where this libcurl can: DNS answers even where TLS sessions cannot be. */
    int sessions = curl_share_setopt(share, CURLSHOPT_SHARE, CURL_LOCK_DATA_SSL_SESSION) == CURLSHE_OK;
    int names = curl_share_setopt(share, CURLSHOPT_SHARE, CURL_LOCK_DATA_DNS) == CURLSHE_OK;
    if (!sessions && !names) {
        drtop_share_free(share, locks);
        return NULL;
    }
    *locks_out = locks;
    return share;
}


/* One set of trusted roots for every TLS connection.
 *
 * libcurl (OpenSSL backend) makes a new SSL_CTX for every new connection and fills its X509 store from the CA file
 * each time, unless it may cache the store — only for a CA file without a CA directory (Debian's libcurl names
 * /etc/ssl/certs by default, so never), and then per easy handle. Parsing the system's 140 roots costs ~30 ms of
 * CPU, so each connection drtop opened paid it. Instead the roots are loaded once into an X509_STORE, and every new
 * SSL_CTX is given that store (CURLOPT_SSL_CTX_FUNCTION, called after libcurl's own set-up and before the
 * handshake). Verification itself is unchanged: OpenSSL checks the chain against the same roots with the flags
 * libcurl sets (trusted first, partial chains), libcurl checks the host name. */

/* Whether libcurl's TLS library is the very OpenSSL drtop links: only then is the callback's context an SSL_CTX
 * this code may touch. */
static inline int drtop_curl_tls_is_linked_openssl(void) {
    const curl_version_info_data *info = curl_version_info(CURLVERSION_NOW);
    char expected[64];
    if (info == NULL || info->ssl_version == NULL) return 0;
    strcpy(expected, "OpenSSL/");
    strncat(expected, OpenSSL_version(OPENSSL_VERSION_STRING), sizeof(expected) - strlen(expected) - 1);
    return strcmp(info->ssl_version, expected) == 0;
}

/* libcurl's built-in CA file and directory (CURLINFO_CAINFO / CURLINFO_CAPATH, libcurl 7.84 and later); each NULL
 * when there is none. Returns 0 when this libcurl cannot say. */
static inline int drtop_curl_default_ca(CURL *handle, const char **file, const char **path) {
    *file = NULL;
    *path = NULL;
#if LIBCURL_VERSION_NUM >= 0x075400
    char *f = NULL, *p = NULL;
    if (curl_easy_getinfo(handle, CURLINFO_CAINFO, &f) != CURLE_OK) return 0;
    if (curl_easy_getinfo(handle, CURLINFO_CAPATH, &p) != CURLE_OK) return 0;
    *file = f;
    *path = p;
    return 1;
#else
    (void)handle;
    return 0;
#endif
}

/* A store of the roots in `file` and the hashed directory `path` (either may be NULL, not both), with libcurl's
 * verification flags; NULL when a named source cannot be loaded (libcurl then loads it itself and says why). */
static inline void *drtop_trust_store_load(const char *file, const char *path) {
    X509_STORE *store;
    if (file == NULL && path == NULL) return NULL;
    store = X509_STORE_new();
    if (store == NULL) return NULL;
    if ((file != NULL && X509_STORE_load_file(store, file) != 1)
        || (path != NULL && X509_STORE_load_path(store, path) != 1)) {
        X509_STORE_free(store);
        return NULL;
    }
    X509_STORE_set_flags(store, X509_V_FLAG_TRUSTED_FIRST | X509_V_FLAG_PARTIAL_CHAIN);
    return store;
}

static inline void drtop_trust_store_free(void *store) {
    X509_STORE_free((X509_STORE *)store);
}

static CURLcode drtop_curl_give_trust_store(CURL *handle, void *ssl_ctx, void *store) {
    (void)handle;
    if (X509_STORE_up_ref((X509_STORE *)store) != 1) return CURLE_OUT_OF_MEMORY;
    SSL_CTX_set_cert_store((SSL_CTX *)ssl_ctx, (X509_STORE *)store);  /* takes the reference just added */
    return CURLE_OK;
}

/* Every new TLS connection of `handle` trusts `store` (and no CA file or directory is read for it). */
static inline CURLcode drtop_curl_use_trust_store(CURL *handle, void *store) {
    CURLcode code = curl_easy_setopt(handle, CURLOPT_SSL_CTX_FUNCTION, drtop_curl_give_trust_store);
    if (code != CURLE_OK) return code;  /* a TLS backend without the callback: nothing changed */
    code = curl_easy_setopt(handle, CURLOPT_SSL_CTX_DATA, store);
    if (code != CURLE_OK) {
        curl_easy_setopt(handle, CURLOPT_SSL_CTX_FUNCTION, (curl_ssl_ctx_callback)NULL);
        return code;
    }
    curl_easy_setopt(handle, CURLOPT_CAINFO, (const char *)NULL);
    curl_easy_setopt(handle, CURLOPT_CAPATH, (const char *)NULL);
    return CURLE_OK;
}
#endif
