// SPDX-License-Identifier: MIT
// objproc/cos/fields.hpp - the names error::field takes for COS's own inputs (its credentials'
// members, its request options), beside the shared ones of objproc::fields, which cos::fields
// gives too: inside namespace cos, fields::bucket and fields::secret_id both resolve.
#ifndef OBJPROC_COS_FIELDS_HPP
#define OBJPROC_COS_FIELDS_HPP

#include <string_view>

#include "objproc/config.hpp"
#include "objproc/core/result.hpp"

OBJPROC_NAMESPACE_BEGIN

namespace cos::fields {
using namespace objproc::fields;  // the shared names: bucket, key, region, expires, ...

inline constexpr std::string_view secret_id = "secret_id";
inline constexpr std::string_view secret_key = "secret_key";
inline constexpr std::string_view session_token = "session_token";
inline constexpr std::string_view rule = "rule";
inline constexpr std::string_view pic_operations = "pic_operations";      // the whole header / JSON
inline constexpr std::string_view rule_bucket = "pic_operations.bucket";  // a rule's own bucket
inline constexpr std::string_view fileid = "pic_operations.fileid";       // a rule's output key
inline constexpr std::string_view acl = "acl";
inline constexpr std::string_view storage_class = "storage_class";
inline constexpr std::string_view traffic_limit = "traffic_limit";
inline constexpr std::string_view meta = "meta";
}  // namespace cos::fields

OBJPROC_NAMESPACE_END

#endif  // OBJPROC_COS_FIELDS_HPP
