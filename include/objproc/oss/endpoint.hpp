// SPDX-License-Identifier: MIT
// objproc/oss/endpoint.hpp - where an OSS request goes: scheme, host and encoded path.
//
//   auto ep = oss::endpoint::for_region("cn-hangzhou");           // oss-cn-hangzhou.aliyuncs.com
//   ep->locate("examplebucket", "src/猫 1.png");
//     // {"https", "examplebucket.oss-cn-hangzhou.aliyuncs.com", "/src/%E7%8C%AB%201.png"}
//   oss::endpoint::for_region("cn-hangzhou", oss::network::internal);  // oss-...-internal...
//   oss::endpoint::custom("localhost:9000");   // path style: localhost:9000/<bucket>/<key>
//   oss::endpoint::cname("img.example.com");   // the bucket is not in the URL: /<key>
//
// The scheme, host parsing, bucket placement and URL building are http::endpoint_base's; this
// file holds what is OSS's own: regions, host names, bucket and key rules (oss/names.hpp).
// Hosts (docs/reference/oss.md §4, from the Go/Python/C++ v2 SDKs): public
// oss-<region>.aliyuncs.com, internal oss-<region>-internal.aliyuncs.com, dual-stack
// <region>.oss.aliyuncs.com, accelerate oss-accelerate.aliyuncs.com, overseas accelerate
// oss-accelerate-overseas.aliyuncs.com. Virtual-hosted style (<bucket>.<host>/<key>) by default;
// path style (<host>/<bucket>/<key>) is forced for IP literals and localhost, as the SDKs do, and
// may be asked for on a custom endpoint. https by default; http only when asked for. The region is
// kept even for accelerate and custom endpoints: V4 signing always needs it.
#ifndef OBJPROC_OSS_ENDPOINT_HPP
#define OBJPROC_OSS_ENDPOINT_HPP

#include <cstddef>
#include <string>
#include <string_view>

#include "objproc/config.hpp"
#include "objproc/core/result.hpp"
#include "objproc/http/endpoint.hpp"
#include "objproc/http/request.hpp"
#include "objproc/oss/names.hpp"

OBJPROC_NAMESPACE_BEGIN

namespace oss {

/// Which OSS network a region endpoint reaches.
enum class network : unsigned char {
  public_internet,      // oss-<region>.aliyuncs.com
  internal,             // oss-<region>-internal.aliyuncs.com (from inside the region's VPC/ECS)
  dual_stack,           // <region>.oss.aliyuncs.com (IPv4 and IPv6)
  accelerate,           // oss-accelerate.aliyuncs.com (transfer acceleration)
  accelerate_overseas,  // oss-accelerate-overseas.aliyuncs.com
};

/// How the bucket appears in the URL.
enum class url_style : unsigned char {
  virtual_hosted,  // https://<bucket>.<host>/<key>
  path,            // https://<host>/<bucket>/<key>
  cname,           // https://<host>/<key>: the host is the bucket's own domain
};

/// An OSS region id such as "cn-hangzhou": [a-z0-9-]+ (errc::invalid_region at the bad byte, in
/// fields::region). "oss-cn-hangzhou" is refused: that is the endpoint's prefix, not the region.
[[nodiscard]] constexpr result<void> check_region(std::string_view region) noexcept {
  const auto refused = [](std::size_t at, std::string_view why) {
    return error{errc::invalid_region, at, why}.in_field(fields::region);
  };
  if (region.empty()) return refused(0, "empty region");
  for (std::size_t i = 0; i < region.size(); ++i) {
    const char c = region[i];
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'))
      return refused(i, "regions have only lowercase letters, digits and '-'");
  }
  if (region.substr(0, 4) == "oss-")
    return refused(0, "give the region without the oss- prefix: cn-hangzhou");
  return {};
}

/// Scheme, host and addressing style of an OSS service endpoint (http::endpoint_base with the
/// OSS host names and naming rules). A value: copy it freely.
class endpoint : public http::endpoint_base {
 public:
  /// The endpoint of `region` on `n`. errc::invalid_region for a bad region.
  [[nodiscard]] static result<endpoint> for_region(std::string_view region,
                                                   network n = network::public_internet) {
    if (auto ok = check_region(region); !ok) return ok.error();
    endpoint e;
    e.set_region(region);
    const std::string id(region);
    switch (n) {
      case network::public_internet:
        e.set_service_host("oss-" + id + ".aliyuncs.com");
        break;
      case network::internal:
        e.set_service_host("oss-" + id + "-internal.aliyuncs.com");
        break;
      case network::dual_stack:
        e.set_service_host(id + ".oss.aliyuncs.com");
        break;
      case network::accelerate:
        e.set_service_host("oss-accelerate.aliyuncs.com");
        break;
      case network::accelerate_overseas:
        e.set_service_host("oss-accelerate-overseas.aliyuncs.com");
        break;
    }
    return e;
  }

  /// An endpoint given as "[http[s]://]host[:port]" (an emulator, a proxy, a private domain
  /// that takes the bucket as its first label). IP literals and localhost use path style.
  /// errc::invalid_host at the offending byte (offsets count from the start of `text`): DNS
  /// label rules (1-63 each, no empty label, no leading or trailing hyphen, 253 in all), port
  /// 1-65535, no user info, path or query (http::detail::parse_endpoint_host).
  [[nodiscard]] static result<endpoint> custom(std::string_view text) {
    endpoint e;
    if (auto ok = e.set_custom_host(text); !ok) return ok.error();
    return e;
  }

  /// A CNAME bound to one bucket: "[http[s]://]img.example.com"; the URL has no bucket.
  [[nodiscard]] static result<endpoint> cname(std::string_view text) {
    endpoint e;
    if (auto ok = e.set_bound_domain(text); !ok) return ok.error();
    return e;
  }

  /// The same endpoint with another scheme: "https" or "http" (errc::invalid_scheme otherwise).
  [[nodiscard]] result<endpoint> with_scheme(std::string_view scheme) const {
    endpoint e = *this;
    if (auto ok = e.set_scheme(scheme, "OSS endpoints use https or http"); !ok) return ok.error();
    return e;
  }

  /// The same endpoint with path-style URLs (no effect on a CNAME endpoint).
  [[nodiscard]] endpoint with_path_style() const {
    endpoint e = *this;
    e.use_path_style();
    return e;
  }

  /// The same endpoint with the region V4 signing uses (for custom and CNAME endpoints).
  [[nodiscard]] result<endpoint> with_region(std::string_view region) const {
    if (auto ok = check_region(region); !ok) return ok.error();
    endpoint e = *this;
    e.set_region(region);
    return e;
  }

  // scheme(), host() ("oss-cn-hangzhou.aliyuncs.com", "localhost:9000"), region() ("" for a
  // custom or CNAME endpoint until with_region) and placement() come from the base.
  [[nodiscard]] url_style style() const noexcept {
    switch (placement()) {
      case http::bucket_placement::path:
        return url_style::path;
      case http::bucket_placement::none:
        return url_style::cname;
      case http::bucket_placement::host:
        break;
    }
    return url_style::virtual_hosted;
  }

  /// Where a request for `key` in `bucket` goes; an empty key addresses the bucket itself
  /// ("/" or "/<bucket>/"). The key is encoded with percent_set::path, '/' kept.
  /// errc::invalid_bucket_name / invalid_object_key from oss::check_bucket_name / check_object_key.
  [[nodiscard]] result<http::location> locate(std::string_view bucket,
                                              std::string_view key = {}) const {
    return locate_with(check_bucket_name, check_object_key, bucket, key);
  }

  friend bool operator==(const endpoint&, const endpoint&) = default;

 private:
  endpoint() = default;
};

}  // namespace oss

OBJPROC_NAMESPACE_END

#endif  // OBJPROC_OSS_ENDPOINT_HPP
