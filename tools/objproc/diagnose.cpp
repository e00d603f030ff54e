// SPDX-License-Identifier: MIT
// tools/objproc/diagnose.cpp - see diagnose.hpp.
#include "diagnose.hpp"

#include <cstdio>
#include <string_view>

#include <objproc/core/diagnostic.hpp>

#include "environment.hpp"

namespace objproc_cli {

std::optional<std::string> read_common_flags(const parsed_args& args, operation_input& in) {
  in.region = args.get("region").value_or("");
  in.bucket = args.get("bucket").value_or("");
  in.key = args.get("key").value_or("");
  if (auto v = args.get("endpoint")) in.endpoint = std::string(*v);
  if (auto v = args.get("signature")) {
    if (*v != "v4" && *v != "v1") return "--signature is v4 or v1";
    in.signature =
        *v == "v1" ? objproc::oss::signature_version::v1 : objproc::oss::signature_version::v4;
  }
  in.time = now();
  if (auto v = args.get("time")) {
    const auto t = parse_unix_time(*v);
    if (!t) return "--time takes unix seconds, e.g. 1795248000";
    in.time = *t;
  }
  return std::nullopt;
}

namespace {
// The flag a field came from, for messages a person reads after typing flags.
std::string_view flag_of(std::string_view field) {
  struct mapping {
    std::string_view field, flag;
  };
  constexpr mapping table[] = {
      {"style", "--style"},
      {"save_as.key", "--target_image"},
      {"save_as.bucket", "--target_bucket"},
      {"save_as", "--target_image"},
      {"notify_topic", "--notify-topic"},
      {"rule", "--rule"},
      {"region", "--region"},
      {"bucket", "--bucket"},
      {"key", "--key"},
      {"endpoint", "--endpoint"},
      {"expires", "--expires"},
      {"time", "--time"},
      {"request_payer", "--request-payer"},
      {"acl", "--acl"},
      {"grant_read", "--grant-read"},
      {"grant_read_acp", "--grant-read-acp"},
      {"grant_write_acp", "--grant-write-acp"},
      {"grant_full_control", "--grant-full-control"},
      {"storage_class", "--storage-class"},
      {"expires_at", "--expires-at"},
      {"cache_control", "--cache-control"},
      {"content_disposition", "--content-disposition"},
      {"content_encoding", "--content-encoding"},
      {"content_language", "--content-language"},
      {"content_md5", "--content-md5"},
      {"meta", "--meta"},
      {"traffic_limit", "--traffic-limit"},
  };
  for (const mapping& m : table)
    if (m.field == field) return m.flag;
  if (field.starts_with("meta.")) return "--meta";  // meta.<key>: that entry's value
  // pic_operations.rules[0].<name>: the one rule the commands build from their flags.
  if (field.ends_with(".rule")) return "--rule";
  if (field.ends_with(".fileid")) return "--fileid";
  if (field.ends_with(".bucket")) return "--target_bucket";
  return field;
}
}  // namespace

int report_failure(const build_failure& f) {
  const std::string_view where = flag_of(f.field);
  objproc::error shown = f.error;
  shown.field = {};  // named already, as the flag it came from
  std::fprintf(stderr, "objproc: %.*s: %s\n", static_cast<int>(where.size()), where.data(),
               objproc::to_string(shown).c_str());
  if (!f.text.empty() && f.error.has_offset())
    std::fprintf(stderr, "%s\n", objproc::render_diagnostic(f.text, f.error).c_str());
  return exit_failed;
}

}  // namespace objproc_cli
