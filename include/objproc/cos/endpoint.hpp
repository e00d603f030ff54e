// SPDX-License-Identifier: MIT
// objproc/cos/endpoint.hpp - where a COS request goes: scheme, host and encoded path.
//
//   auto ep = cos::endpoint::for_region("ap-guangzhou");
//   ep->locate("examplebucket-1250000000", "dir/中文 a.jpg");
//     // {"https", "examplebucket-1250000000.cos.ap-guangzhou.myqcloud.com",
//     //  "/dir/%E4%B8%AD%E6%96%87%20a.jpg"}
//   cos::endpoint::accelerate();                    // <bucket>.cos.accelerate.myqcloud.com
//   cos::endpoint::custom_domain("img.example.com");  // a domain bound to one bucket: /<key>
//   cos::endpoint::custom("127.0.0.1:9000");        // an emulator: path style /<bucket>/<key>
//
// The scheme, host parsing, bucket placement and URL building are http::endpoint_base's; this
// file holds what is COS's own: regions, host names, bucket and key rules (cos/names.hpp).
// Hosts (docs/reference/cos.md): <BucketName-APPID>.cos.<region>.myqcloud.com; accelerate
// <bucket>.cos.accelerate.myqcloud.com; the legacy regions cn-east, cn-north, cn-south,
// cn-southwest, cn-south-2 and sg have no "cos." label (<bucket>.<region>.myqcloud.com). The key
// is encoded like the SDKs' EncodeKey: RFC 3986 unreserved kept, '/' kept, the rest %XX.
#ifndef OBJPROC_COS_ENDPOINT_HPP
#define OBJPROC_COS_ENDPOINT_HPP

#include <cstddef>
#include <string>
#include <string_view>

#include "objproc/config.hpp"
#include "objproc/core/result.hpp"
#include "objproc/cos/names.hpp"
#include "objproc/http/endpoint.hpp"
#include "objproc/http/request.hpp"

OBJPROC_NAMESPACE_BEGIN

namespace cos {

/// How the bucket appears in the URL.
enum class url_style : unsigned char {
  virtual_hosted,  // https://<bucket>.<host>/<key>
  path,            // https://<host>/<bucket>/<key> (IP literals and localhost: emulators)
  custom_domain,   // https://<domain>/<key>: the domain is bound to one bucket
};

/// A COS region id such as "ap-guangzhou": [a-z0-9-]+ (errc::invalid_region at the bad byte,
/// in fields::region).
[[nodiscard]] constexpr result<void> check_region(std::string_view region) noexcept {
  if (region.empty())
    return error{errc::invalid_region, 0, "empty region"}.in_field(fields::region);
  for (std::size_t i = 0; i < region.size(); ++i) {
    const char c = region[i];
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'))
      return error{errc::invalid_region, i, "regions have only lowercase letters, digits and '-'"}
          .in_field(fields::region);
  }
  return {};
}

/// Whether `region` is one of the legacy regions whose host has no "cos." label.
[[nodiscard]] constexpr bool is_legacy_region(std::string_view region) noexcept {
  for (const std::string_view r :
       {std::string_view("cn-east"), std::string_view("cn-north"), std::string_view("cn-south"),
        std::string_view("cn-southwest"), std::string_view("cn-south-2"), std::string_view("sg")})
    if (region == r) return true;
  return false;
}

/// Scheme, host and addressing style of a COS service endpoint (http::endpoint_base with the
/// COS host names and naming rules). A value: copy it freely.
class endpoint : public http::endpoint_base {
 public:
  /// cos.<region>.myqcloud.com (<region>.myqcloud.com for a legacy region); the region
  /// "accelerate" gives the accelerate endpoint. errc::invalid_region for a bad region.
  [[nodiscard]] static result<endpoint> for_region(std::string_view region) {
    if (auto ok = check_region(region); !ok) return ok.error();
    endpoint e;
    e.set_region(region);
    const std::string id(region);
    e.set_service_host(is_legacy_region(region) ? id + ".myqcloud.com"
                                                : "cos." + id + ".myqcloud.com");
    return e;
  }

  /// Global acceleration: <bucket>.cos.accelerate.myqcloud.com.
  [[nodiscard]] static result<endpoint> accelerate() { return for_region("accelerate"); }

  /// A service host given as "[http[s]://]host[:port]" that takes the bucket as its first label;
  /// IP literals and localhost use path style. errc::invalid_host at the offending byte: DNS
  /// label rules (1-63 each, no empty label, no leading or trailing hyphen, 253 in all), port
  /// 1-65535, no user info, path or query (http::detail::parse_endpoint_host).
  [[nodiscard]] static result<endpoint> custom(std::string_view text) {
    endpoint e;
    if (auto ok = e.set_custom_host(text); !ok) return ok.error();
    return e;
  }

  /// A custom domain bound to one bucket: "[http[s]://]img.example.com"; the URL has no bucket.
  [[nodiscard]] static result<endpoint> custom_domain(std::string_view text) {
    endpoint e;
    if (auto ok = e.set_bound_domain(text); !ok) return ok.error();
    return e;
  }

  /// The same endpoint with another scheme: "https" or "http" (errc::invalid_scheme otherwise).
  [[nodiscard]] result<endpoint> with_scheme(std::string_view scheme) const {
    endpoint e = *this;
    if (auto ok = e.set_scheme(scheme, "COS endpoints use https or http"); !ok) return ok.error();
    return e;
  }

  // scheme(), host() ("cos.ap-guangzhou.myqcloud.com"), region() ("" for custom endpoints) and
  // placement() come from the base.
  [[nodiscard]] url_style style() const noexcept {
    switch (placement()) {
      case http::bucket_placement::path:
        return url_style::path;
      case http::bucket_placement::none:
        return url_style::custom_domain;
      case http::bucket_placement::host:
        break;
    }
    return url_style::virtual_hosted;
  }

  /// Where a request for `key` in `bucket` (BucketName-APPID) goes; an empty key addresses the
  /// bucket itself. errc::invalid_bucket_name / invalid_object_key from cos::check_bucket_name /
  /// check_object_key.
  [[nodiscard]] result<http::location> locate(std::string_view bucket,
                                              std::string_view key = {}) const {
    return locate_with(check_bucket_name, check_object_key, bucket, key);
  }

  friend bool operator==(const endpoint&, const endpoint&) = default;

 private:
  endpoint() = default;
};

}  // namespace cos

OBJPROC_NAMESPACE_END

#endif  // OBJPROC_COS_ENDPOINT_HPP
