// SPDX-License-Identifier: MIT
// tools/objproc/operation.cpp - see operation.hpp.
#include "operation.hpp"

#include <utility>
#include <vector>

namespace objproc_cli {

namespace oss = objproc::oss;
namespace ci = objproc::cos;

std::string_view name(provider p) noexcept { return p == provider::oss ? "oss" : "cos"; }

std::string_view name(op_kind k) noexcept {
  switch (k) {
    case op_kind::process_object:
      return "process_object";
    case op_kind::async_process_object:
      return "async_process_object";
    case op_kind::presign_get:
      return "presign_get";
    case op_kind::ci_put_object:
      return "ci_put_object";
    case op_kind::ci_image_process:
      return "ci_image_process";
  }
  return "unknown";
}

std::string message_of(const objproc::error& e) {
  std::string out(objproc::to_string(e.code));
  if (!e.detail.empty()) {
    out += ": ";
    out += e.detail;
  }
  return out;
}

namespace {

build_result fail(const objproc::error& e, std::string field, std::string text = {}) {
  return {std::nullopt, {e, std::move(field), std::move(text)}};
}
build_result succeed(build_output out) { return {std::move(out), {}}; }

// OSS: the region's endpoint, or the given host signed for the region (V4 needs the region).
constexpr objproc::error empty_endpoint{
    objproc::errc::missing_value, objproc::error::no_offset,
    "an empty endpoint was given (leave it out to use the region's endpoint)"};

objproc::result<oss::endpoint> oss_endpoint(const operation_input& in) {
  if (!in.endpoint) return oss::endpoint::for_region(in.region);
  if (in.endpoint->empty()) return empty_endpoint;
  auto custom = oss::endpoint::custom(*in.endpoint);
  if (!custom) return custom.error();
  return custom->with_region(in.region);
}

objproc::result<ci::endpoint> cos_endpoint(const operation_input& in) {
  if (!in.endpoint) return ci::endpoint::for_region(in.region);
  if (in.endpoint->empty()) return empty_endpoint;
  return ci::endpoint::custom(*in.endpoint);
}

// The input a library error belongs to, as this tool names its inputs (the JSONL member paths;
// report_failure turns them into flags): the field the library set where it checked the value,
// in this tool's spelling, or `fallback` when the library named none (a style error found while
// preparing the request, a crypto failure).
std::string input_of(const objproc::error& e, const operation_input& in,
                     std::string_view fallback) {
  namespace fields = objproc::fields;
  const std::string_view f = e.field;
  if (f.empty()) return std::string(fallback);
  if (f == oss::fields::notify_topic) return "notify_topic";
  // One "credentials" object for both vendors, in the OSS spelling.
  if (f == oss::fields::access_key_id || f == ci::fields::secret_id)
    return "credentials.access_key_id";
  if (f == oss::fields::access_key_secret || f == ci::fields::secret_key)
    return "credentials.access_key_secret";
  if (f == oss::fields::security_token || f == ci::fields::session_token)
    return "credentials.security_token";
  if (f == fields::process) return in.vendor == provider::oss ? "style" : "rule";
  return std::string(f);
}

// The text of `input` as given, which an error offset in it indexes ("" when none applies).
std::string text_of(const operation_input& in, std::string_view input) {
  if (input == "bucket") return in.bucket;
  if (input == "key") return in.key;
  if (input == "region") return in.region;
  if (input == "endpoint") return in.endpoint.value_or("");
  if (input == "rule") return in.rule.value_or("");
  if (input == "notify_topic") return in.notify_topic.value_or("");
  if (input == "save_as.key" && in.save_as) return in.save_as->key;
  if (input == "save_as.bucket" && in.save_as) return in.save_as->bucket;
  return {};
}

// A failure in the input the error names, or in `fallback` (whose text is `fallback_text`).
build_result fail_in(const objproc::error& e, const operation_input& in, std::string_view fallback,
                     std::string fallback_text = {}) {
  std::string input = input_of(e, in, fallback);
  std::string text = input == fallback ? std::move(fallback_text) : text_of(in, input);
  return fail(e, std::move(input), std::move(text));
}

// The style with the directives of the input appended by the library (save_as, notify), so
// they are encoded and checked exactly as the typed API does it; the library names the
// directive's field that failed (save_as.key, save_as.bucket, notify.topic).
std::optional<build_failure> oss_style(const operation_input& in, oss::style& out) {
  if (!in.style) return std::nullopt;
  auto parsed = in.unchecked ? oss::unchecked_style(*in.style) : oss::parse_style(*in.style);
  if (!parsed) return build_failure{parsed.error(), "style", *in.style};
  out = *parsed;
  if (in.save_as) {
    out = out | oss::save_as{.bucket = in.save_as->bucket, .key = in.save_as->key};
    if (out.has_error()) return fail_in(out.error(), in, "save_as").failure;
  }
  if (in.notify_topic) {
    out = out | oss::notify{.topic = *in.notify_topic};
    if (out.has_error()) return fail_in(out.error(), in, "notify_topic", *in.notify_topic).failure;
  }
  return std::nullopt;
}

build_result build_oss(const operation_input& in, operation_sender* sender) {
  const objproc::crypto::portable crypto;
  auto where = oss_endpoint(in);
  if (!where) return fail_in(where.error(), in, "endpoint", in.endpoint.value_or(""));
  if (auto r = oss::check_bucket_name(in.bucket); !r) return fail_in(r.error(), in, "bucket");
  if (auto r = oss::check_object_key(in.key); !r) return fail_in(r.error(), in, "key");
  oss::style process;
  if (auto f = oss_style(in, process)) return {std::nullopt, std::move(*f)};
  const oss::credentials keys = in.credentials.oss();

  if (in.kind == op_kind::presign_get) {
    auto url = oss::presign(
        oss::presign_get{
            .bucket = in.bucket, .key = in.key, .process = process, .expires = in.expires},
        *where, keys, in.time, crypto, oss::signer{.version = in.signature});
    if (!url) return fail_in(url.error(), in, "style", std::string(process.view()));
    return succeed({std::nullopt, std::move(*url)});
  }

  oss::payer payer = oss::payer::bucket_owner;
  if (in.request_payer) {
    auto parsed = oss::parse_payer(*in.request_payer);
    if (!parsed) return fail_in(parsed.error(), in, "request_payer", *in.request_payer);
    payer = *parsed;
  }
  // The carrier checks run on the whole style, directives included: offsets point into it.
  const oss::process_object sync_op{.bucket = in.bucket,
                                    .key = in.key,
                                    .process = process,
                                    .request_payer = payer,
                                    .content_md5 = in.compute_md5};
  const oss::async_process_object async_op{.bucket = in.bucket,
                                           .key = in.key,
                                           .process = process,
                                           .request_payer = payer,
                                           .content_md5 = in.compute_md5};
  const bool sync = in.kind == op_kind::process_object;
  auto prepared = sync ? sync_op.prepare(*where) : async_op.prepare(*where);
  if (!prepared) return fail_in(prepared.error(), in, "style", std::string(process.view()));
  auto signed_request =
      oss::sign(*std::move(prepared), keys, in.time, crypto, oss::signer{.version = in.signature});
  if (!signed_request) return fail_in(signed_request.error(), in, "request");
  if (sender != nullptr) {
    if (sync)
      sender->send(sync_op, *where);
    else
      sender->send(async_op, *where);
  }
  return succeed({std::move(*signed_request), {}});
}

// Each rule checked on its own first, so an error names the rule and points into its text.
std::optional<build_failure> check_rules(const ci::pic_operations& ops, ci::rule_carrier where) {
  for (std::size_t i = 0; i < ops.rules.size(); ++i) {
    const ci::pic_rule& r = ops.rules[i];
    const std::string at = "pic_operations.rules[" + std::to_string(i) + "].";
    if (!r.bucket.empty())
      if (auto ok = ci::check_bucket_name(r.bucket); !ok)
        return build_failure{ok.error(), at + "bucket", r.bucket};
    if (auto ok = ci::check_fileid(r.fileid); !ok)
      return build_failure{ok.error(), at + "fileid", r.fileid};
    if (auto ok = r.unchecked ? ci::unchecked_rule(r.rule, where) : ci::parse_rule(r.rule, where);
        !ok)
      return build_failure{ok.error(), at + "rule", r.rule};
  }
  if (ops.rules.size() > ci::max_pic_rules)
    return build_failure{{objproc::errc::too_many_rules, objproc::error::no_offset,
                          "Pic-Operations has at most 5 rules"},
                         "pic_operations.rules",
                         {}};
  return std::nullopt;
}

constexpr objproc::error empty_value{objproc::errc::missing_value, objproc::error::no_offset,
                                     "an empty value was given"};

// The ci_put_object options of `in`, each checked on its own first (so a failure names the
// input and points into its text), then set on `op` (views into `in`; `metas` holds the meta
// entries op.meta views).
std::optional<build_failure> put_options(const operation_input& in, ci::ci_put_object& op,
                                         std::vector<ci::user_meta>& metas) {
  using std::string_view;
  if (in.acl) {
    auto acl = ci::parse_object_acl(*in.acl);
    if (!acl) return build_failure{acl.error(), "acl", *in.acl};
    op.acl = *acl;
  }
  struct grant {
    std::string_view field;
    const std::optional<std::string>& value;
    std::string_view detail;
    string_view ci::ci_put_object::*member;
  };
  const grant grants[] = {
      {"grant_read", in.grant_read, "x-cos-grant-read: id=\"<uin>\" entries joined by ','",
       &ci::ci_put_object::grant_read},
      {"grant_read_acp", in.grant_read_acp,
       "x-cos-grant-read-acp: id=\"<uin>\" entries joined by ','",
       &ci::ci_put_object::grant_read_acp},
      {"grant_write_acp", in.grant_write_acp,
       "x-cos-grant-write-acp: id=\"<uin>\" entries joined by ','",
       &ci::ci_put_object::grant_write_acp},
      {"grant_full_control", in.grant_full_control,
       "x-cos-grant-full-control: id=\"<uin>\" entries joined by ','",
       &ci::ci_put_object::grant_full_control},
  };
  std::size_t grantees = 0;
  for (const grant& g : grants) {
    if (!g.value) continue;
    if (auto r = ci::check_grantees(*g.value, g.detail, grantees); !r)
      return build_failure{r.error(), std::string(g.field), *g.value};
    op.*g.member = *g.value;
  }
  if (in.storage_class) {
    auto storage = ci::parse_storage_class(*in.storage_class);
    if (!storage) return build_failure{storage.error(), "storage_class", *in.storage_class};
    op.storage_class = *storage;
  }
  if (in.expires_at) {
    if (auto date = objproc::format_rfc1123(*in.expires_at); !date)
      return build_failure{date.error(), "expires_at", {}};
    op.expires = *in.expires_at;
  }
  struct text {
    std::string_view field;
    const std::optional<std::string>& value;
    std::string_view detail;
    string_view ci::ci_put_object::*member;
  };
  const text texts[] = {
      {"cache_control", in.cache_control,
       "Cache-Control: visible ASCII and spaces, none at either end",
       &ci::ci_put_object::cache_control},
      {"content_disposition", in.content_disposition,
       "Content-Disposition: visible ASCII and spaces, none at either end",
       &ci::ci_put_object::content_disposition},
      {"content_encoding", in.content_encoding,
       "Content-Encoding: visible ASCII and spaces, none at either end",
       &ci::ci_put_object::content_encoding},
      {"content_language", in.content_language,
       "Content-Language: visible ASCII and spaces, none at either end",
       &ci::ci_put_object::content_language},
  };
  for (const text& t : texts) {
    if (!t.value) continue;
    if (t.value->empty()) return build_failure{empty_value, std::string(t.field), {}};
    if (auto r = ci::check_header_text(*t.value, t.detail); !r)
      return build_failure{r.error(), std::string(t.field), *t.value};
    op.*t.member = *t.value;
  }
  if (in.content_md5 && in.compute_md5)
    return build_failure{{objproc::errc::conflicting_parameters, objproc::error::no_offset,
                          "Content-MD5: a value or computed, not both"},
                         "content_md5",
                         {}};
  if (in.content_md5) {
    if (auto r = objproc::crypto::check_content_md5(*in.content_md5); !r)
      return build_failure{r.error(), "content_md5", *in.content_md5};
    op.content_md5 = *in.content_md5;
  }
  op.enable_md5 = in.compute_md5;
  if (in.traffic_limit) {
    if (*in.traffic_limit < 0)
      return build_failure{{objproc::errc::value_out_of_range, objproc::error::no_offset,
                            "x-cos-traffic-limit: 819200 to 838860800 bit/s"},
                           "traffic_limit",
                           {}};
    const auto bits = static_cast<std::uint64_t>(*in.traffic_limit);
    if (auto r = ci::check_traffic_limit(bits); !r)
      return build_failure{r.error(), "traffic_limit", {}};
    op.traffic_limit = bits;
  }
  for (const auto& [key, value] : in.meta) {
    if (auto r = ci::check_meta_key(key); !r) return build_failure{r.error(), "meta", key};
    if (value.empty())
      return build_failure{
          {objproc::errc::missing_value, objproc::error::no_offset, "x-cos-meta-*: empty value"},
          "meta." + key,
          {}};
    if (auto r = ci::check_header_text(
            value, "x-cos-meta-*: values are visible ASCII and spaces, none at either end");
        !r)
      return build_failure{r.error(), "meta." + key, value};
    metas.push_back({key, value});
  }
  if (auto r = ci::check_meta(metas); !r) return build_failure{r.error(), "meta", {}};
  op.meta = metas;
  return std::nullopt;
}

build_result build_cos(const operation_input& in, operation_sender* sender) {
  const objproc::crypto::portable crypto;
  auto where = cos_endpoint(in);
  if (!where) return fail_in(where.error(), in, "endpoint", in.endpoint.value_or(""));
  if (auto r = ci::check_bucket_name(in.bucket); !r) return fail_in(r.error(), in, "bucket");
  if (auto r = ci::check_object_key(in.key); !r) return fail_in(r.error(), in, "key");
  const ci::credentials keys = in.credentials.cos();

  if (in.kind == op_kind::presign_get) {
    ci::rule process;
    if (in.rule) {
      constexpr auto url = ci::rule_carrier::download_url;
      auto parsed =
          in.unchecked ? ci::unchecked_rule(*in.rule, url) : ci::parse_rule(*in.rule, url);
      if (!parsed) return fail_in(parsed.error(), in, "rule", *in.rule);
      process = *parsed;
    }
    auto url = ci::presign(
        ci::presign_get{
            .bucket = in.bucket, .key = in.key, .process = process, .expires = in.expires},
        *where, keys, in.time, crypto);
    if (!url) return fail_in(url.error(), in, in.rule ? "rule" : "presign", in.rule.value_or(""));
    return succeed({std::nullopt, std::move(*url)});
  }

  // --unchecked / "unchecked": true applies to every rule of the Pic-Operations.
  ci::pic_operations operations = in.pic_operations;
  for (ci::pic_rule& r : operations.rules) r.unchecked = r.unchecked || in.unchecked;
  const auto carrier = in.kind == op_kind::ci_put_object ? ci::rule_carrier::upload
                                                         : ci::rule_carrier::cloud_process;
  if (auto f = check_rules(operations, carrier)) return {std::nullopt, std::move(*f)};
  ci::ci_put_object put{.bucket = in.bucket,
                        .key = in.key,
                        .operations = operations,
                        .body = in.body,
                        .body_source = in.body_source,
                        .content_type = in.content_type};
  std::vector<ci::user_meta> metas;
  if (in.kind == op_kind::ci_put_object)
    if (auto f = put_options(in, put, metas)) return {std::nullopt, std::move(*f)};
  const ci::ci_image_process cloud{.bucket = in.bucket, .key = in.key, .operations = operations};
  const bool upload = in.kind == op_kind::ci_put_object;
  auto prepared = upload ? put.prepare(*where) : cloud.prepare(*where);
  if (!prepared) return fail_in(prepared.error(), in, "request");
  auto signed_request =
      ci::sign(*std::move(prepared), keys, in.time, crypto, ci::signer{.lifetime = in.expires});
  if (!signed_request) return fail_in(signed_request.error(), in, "request");
  if (sender != nullptr) {
    if (upload)
      sender->send(put, *where);
    else
      sender->send(cloud, *where);
  }
  return succeed({std::move(*signed_request), {}});
}

}  // namespace

build_result build(const operation_input& in, operation_sender* sender) {
  return in.vendor == provider::oss ? build_oss(in, sender) : build_cos(in, sender);
}

}  // namespace objproc_cli
