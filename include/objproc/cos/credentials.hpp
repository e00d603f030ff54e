// SPDX-License-Identifier: MIT
// objproc/cos/credentials.hpp - Tencent Cloud API keys as cos::sign reads them.
//
//   cos::credentials creds{.secret_id = "AKID...", .secret_key = "...", .session_token = ""};
//
// A plain view: the caller owns the strings (a credentials provider, the environment) and keeps
// them alive for the call. Nothing in objproc stores, prints or returns secret_key. An empty
// session_token means permanent keys; a set one (temporary STS keys) is sent as
// x-cos-security-token (see cos/sign.hpp). cos::redaction says what the display forms of a
// request (to_string, to_curl) hide: every COS request carries it.
#ifndef OBJPROC_COS_CREDENTIALS_HPP
#define OBJPROC_COS_CREDENTIALS_HPP

#include <string_view>

#include "objproc/config.hpp"
#include "objproc/http/redaction.hpp"

OBJPROC_NAMESPACE_BEGIN

namespace cos {

struct credentials {
  std::string_view secret_id;      // q-ak: public, appears in the Authorization value
  std::string_view secret_key;     // never leaves the signer
  std::string_view session_token;  // empty: none
};

namespace detail {
inline constexpr std::string_view redacted_headers[] = {"x-cos-security-token"};
// Presigned URLs: the signature and the token; "sign" is the one-word form some CI links use.
inline constexpr std::string_view redacted_query_keys[] = {"q-signature", "x-cos-security-token",
                                                           "sign"};
// "q-sign-algorithm=sha1&q-ak=<id>&...&q-signature=<hex>": the key id and times stay readable.
inline constexpr http::signature_marker authorization_signatures[] = {{"", "q-signature=", '&'}};
}  // namespace detail

/// What a COS request holds that logs must not show (http/redaction.hpp): the session token, the
/// signature of a presigned URL, the signature in Authorization.
inline constexpr http::redaction_rules redaction = {
    detail::redacted_headers, detail::redacted_query_keys, detail::authorization_signatures};

}  // namespace cos

OBJPROC_NAMESPACE_END

#endif  // OBJPROC_COS_CREDENTIALS_HPP
