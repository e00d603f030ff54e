// SPDX-License-Identifier: MIT
// objproc/oss/fields.hpp - the names error::field takes for OSS's own inputs (its credentials'
// members, its request options), beside the shared ones of objproc::fields, which oss::fields
// gives too: inside namespace oss, fields::bucket and fields::access_key_id both resolve.
#ifndef OBJPROC_OSS_FIELDS_HPP
#define OBJPROC_OSS_FIELDS_HPP

#include <string_view>

#include "objproc/config.hpp"
#include "objproc/core/result.hpp"

OBJPROC_NAMESPACE_BEGIN

namespace oss::fields {
using namespace objproc::fields;  // the shared names: bucket, key, region, expires, ...

inline constexpr std::string_view product = "product";  // the oss4 scope's product ("oss")
inline constexpr std::string_view access_key_id = "access_key_id";
inline constexpr std::string_view access_key_secret = "access_key_secret";
inline constexpr std::string_view security_token = "security_token";
inline constexpr std::string_view signing_key = "signing_key";  // a derived oss4 key
inline constexpr std::string_view save_as_bucket = "save_as.bucket";
inline constexpr std::string_view save_as_key = "save_as.key";
inline constexpr std::string_view notify_topic = "notify.topic";
}  // namespace oss::fields

OBJPROC_NAMESPACE_END

#endif  // OBJPROC_OSS_FIELDS_HPP
