// SPDX-License-Identifier: MIT
// objproc/cos/credentials.hpp - Tencent Cloud API keys as cos::sign reads them.
//
//   cos::credentials creds{.secret_id = "AKID...", .secret_key = "...", .session_token = ""};
//
// A plain view: the caller owns the strings (a credentials provider, the environment) and keeps
// them alive for the call. Nothing in objproc stores, prints or returns secret_key. An empty
// session_token means permanent keys; a set one (temporary STS keys) is sent as
// x-cos-security-token (see cos/sign.hpp).
#ifndef OBJPROC_COS_CREDENTIALS_HPP
#define OBJPROC_COS_CREDENTIALS_HPP

#include <string_view>

#include "objproc/config.hpp"

OBJPROC_NAMESPACE_BEGIN

namespace cos {

struct credentials {
  std::string_view secret_id;      // q-ak: public, appears in the Authorization value
  std::string_view secret_key;     // never leaves the signer
  std::string_view session_token;  // empty: none
};

}  // namespace cos

OBJPROC_NAMESPACE_END

#endif  // OBJPROC_COS_CREDENTIALS_HPP
