// SPDX-License-Identifier: MIT
// objproc/oss/endpoint.hpp - where an OSS request goes: scheme, host and encoded path.
//
//   auto ep = oss::endpoint::for_region("cn-hangzhou");           // oss-cn-hangzhou.aliyuncs.com
//   ep->locate("examplebucket", "src/猫 1.png");
//     // {"https", "examplebucket.oss-cn-hangzhou.aliyuncs.com", "/src/%E7%8C%AB%201.png"}
//   oss::endpoint::for_region("cn-hangzhou", oss::network::internal);  //
//   oss-cn-hangzhou-internal... oss::endpoint::custom("localhost:9000");   // path style:
//   localhost:9000/<bucket>/<key> oss::endpoint::cname("img.example.com");   // the bucket is not
//   in the URL: /<key>
//
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

/// An OSS region id such as "cn-hangzhou": [a-z0-9-]+ (errc::invalid_region at the bad byte).
/// "oss-cn-hangzhou" is refused: that is the endpoint's prefix, not the region.
[[nodiscard]] constexpr result<void> check_region(std::string_view region) noexcept {
  if (region.empty()) return error{errc::invalid_region, 0, "empty region"};
  for (std::size_t i = 0; i < region.size(); ++i) {
    const char c = region[i];
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'))
      return error{errc::invalid_region, i, "regions have only lowercase letters, digits and '-'"};
  }
  if (region.substr(0, 4) == "oss-")
    return error{errc::invalid_region, 0, "give the region without the oss- prefix: cn-hangzhou"};
  return {};
}

/// Scheme, host and addressing style of an OSS service endpoint. A value: copy it freely.
class endpoint {
 public:
  /// The endpoint of `region` on `n`. errc::invalid_region for a bad region.
  [[nodiscard]] static result<endpoint> for_region(std::string_view region,
                                                   network n = network::public_internet) {
    if (auto ok = check_region(region); !ok) return ok.error();
    endpoint e;
    e.region_.assign(region);
    switch (n) {
      case network::public_internet:
        e.host_ = "oss-" + e.region_ + ".aliyuncs.com";
        break;
      case network::internal:
        e.host_ = "oss-" + e.region_ + "-internal.aliyuncs.com";
        break;
      case network::dual_stack:
        e.host_ = e.region_ + ".oss.aliyuncs.com";
        break;
      case network::accelerate:
        e.host_ = "oss-accelerate.aliyuncs.com";
        break;
      case network::accelerate_overseas:
        e.host_ = "oss-accelerate-overseas.aliyuncs.com";
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
    if (auto ok = e.assign_host(text); !ok) return ok.error();
    if (http::detail::needs_path_style(e.host_)) e.style_ = url_style::path;
    return e;
  }

  /// A CNAME bound to one bucket: "[http[s]://]img.example.com"; the URL has no bucket.
  [[nodiscard]] static result<endpoint> cname(std::string_view text) {
    endpoint e;
    if (auto ok = e.assign_host(text); !ok) return ok.error();
    e.style_ = url_style::cname;
    return e;
  }

  /// The same endpoint with another scheme: "https" or "http" (errc::invalid_scheme otherwise).
  [[nodiscard]] result<endpoint> with_scheme(std::string_view scheme) const {
    if (scheme != "https" && scheme != "http")
      return error{errc::invalid_scheme, 0, "OSS endpoints use https or http"};
    endpoint e = *this;
    e.scheme_.assign(scheme);
    return e;
  }

  /// The same endpoint with path-style URLs (no effect on a CNAME endpoint).
  [[nodiscard]] endpoint with_path_style() const {
    endpoint e = *this;
    if (e.style_ != url_style::cname) e.style_ = url_style::path;
    return e;
  }

  /// The same endpoint with the region V4 signing uses (for custom and CNAME endpoints).
  [[nodiscard]] result<endpoint> with_region(std::string_view region) const {
    if (auto ok = check_region(region); !ok) return ok.error();
    endpoint e = *this;
    e.region_.assign(region);
    return e;
  }

  [[nodiscard]] std::string_view scheme() const noexcept { return scheme_; }
  /// The service host, without any bucket: "oss-cn-hangzhou.aliyuncs.com", "localhost:9000".
  [[nodiscard]] std::string_view host() const noexcept { return host_; }
  /// The region ("" for a custom or CNAME endpoint until with_region).
  [[nodiscard]] std::string_view region() const noexcept { return region_; }
  [[nodiscard]] url_style style() const noexcept { return style_; }

  /// Where a request for `key` in `bucket` goes; an empty key addresses the bucket itself
  /// ("/" or "/<bucket>/"). The key is encoded with percent_set::path, '/' kept.
  /// errc::invalid_bucket_name / invalid_object_key from oss::check_bucket_name / check_object_key.
  [[nodiscard]] result<http::location> locate(std::string_view bucket,
                                              std::string_view key = {}) const {
    if (auto ok = check_bucket_name(bucket); !ok) return ok.error();
    if (!key.empty())
      if (auto ok = check_object_key(key); !ok) return ok.error();
    const auto placement = style_ == url_style::virtual_hosted
                               ? http::detail::bucket_placement::host
                           : style_ == url_style::path ? http::detail::bucket_placement::path
                                                       : http::detail::bucket_placement::none;
    return http::detail::locate_object(scheme_, host_, placement, bucket, key);
  }

  friend bool operator==(const endpoint&, const endpoint&) = default;

 private:
  endpoint() = default;

  [[nodiscard]] result<void> assign_host(std::string_view text) {
    return http::detail::parse_endpoint_host(text, scheme_, host_);
  }

  std::string scheme_ = "https";
  std::string host_;
  std::string region_;
  url_style style_ = url_style::virtual_hosted;
};

}  // namespace oss

OBJPROC_NAMESPACE_END

#endif  // OBJPROC_OSS_ENDPOINT_HPP
