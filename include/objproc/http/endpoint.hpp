// SPDX-License-Identifier: MIT
// objproc/http/endpoint.hpp - what every object-storage endpoint has: a scheme, a host, a region
// and a place for the bucket in the URL; custom hosts parsed and checked once; the location of
// (bucket, key), and the same URL prefix written without the heap for presigned URLs.
//
//   virtual-hosted   https://<bucket>.<host>/<key>   (bucket_placement::host, the default)
//   path style       https://<host>/<bucket>/<key>   (IP literals and localhost: emulators)
//   bound domain     https://<host>/<key>            (a CNAME / custom domain of one bucket)
//
// A vendor endpoint derives from endpoint_base and brings its own rules: region ids, the public
// host names, bucket names and object keys. The base checks no name itself; locate_with() runs
// the vendor's checks before it builds anything. Every error here belongs to fields::endpoint.
#ifndef OBJPROC_HTTP_ENDPOINT_HPP
#define OBJPROC_HTTP_ENDPOINT_HPP

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "objproc/config.hpp"
#include "objproc/core/result.hpp"
#include "objproc/core/text.hpp"
#include "objproc/http/fields.hpp"
#include "objproc/http/request.hpp"

OBJPROC_NAMESPACE_BEGIN

namespace http {

/// Where the bucket goes in a URL: the host's first label (virtual-hosted), the first path
/// segment (path style), or nowhere (a domain bound to one bucket).
enum class bucket_placement : unsigned char { host, path, none };

namespace detail {

using http::bucket_placement;

/// The name part of a host accepted by check_host, as DNS has it (RFC 1035 / RFC 1123): labels
/// of 1-63 characters, none empty ("a..b", a trailing '.'), none starting or ending with '-',
/// at most 253 characters in all. IPv6 literals and the port are left to check_host.
[[nodiscard]] constexpr result<void> check_dns_name(std::string_view host) noexcept {
  if (!host.empty() && host.front() == '[') return {};
  const std::size_t end = host.find(':') == std::string_view::npos ? host.size() : host.find(':');
  if (end > 253) return error{errc::invalid_host, 253, "host names have at most 253 characters"};
  std::size_t start = 0;
  for (std::size_t i = 0; i <= end; ++i) {
    if (i < end && host[i] != '.') continue;
    if (i == start) return error{errc::invalid_host, i, "empty label in a host name"};
    if (i - start > 63)
      return error{errc::invalid_host, start + 63, "host name labels have at most 63 characters"};
    if (host[start] == '-')
      return error{errc::invalid_host, start, "host name labels cannot start with '-'"};
    if (host[i - 1] == '-')
      return error{errc::invalid_host, i - 1, "host name labels cannot end with '-'"};
    start = i + 1;
  }
  return {};
}

/// The host without its ":port" (an IPv6 literal keeps its brackets).
[[nodiscard]] constexpr std::string_view host_name(std::string_view host) noexcept {
  if (!host.empty() && host.front() == '[') {
    const std::size_t close = host.find(']');
    return close == std::string_view::npos ? host : host.substr(0, close + 1);
  }
  return host.substr(0, host.find(':'));
}

/// Whether a checked host is an IP literal ("10.0.0.1", "[::1]") or "localhost" (any port):
/// hosts that cannot take a bucket as a DNS label, so the bucket goes in the path.
[[nodiscard]] constexpr bool needs_path_style(std::string_view host) noexcept {
  const std::string_view name = host_name(host);
  if (name.empty()) return false;
  if (name.front() == '[' || iequals(name, "localhost")) return true;
  std::size_t dots = 0;
  std::size_t digits = 0;
  for (const char c : name) {
    if (c == '.') {
      if (digits == 0 || digits > 3) return false;
      ++dots;
      digits = 0;
    } else if (c >= '0' && c <= '9') {
      ++digits;
    } else {
      return false;
    }
  }
  return dots == 3 && digits >= 1 && digits <= 3;
}

/// Splits an optional "http://" or "https://" off `text`; the scheme, or nullopt when absent.
[[nodiscard]] constexpr std::optional<std::string_view> split_scheme(
    std::string_view& text) noexcept {
  for (const std::string_view s : {std::string_view("https"), std::string_view("http")}) {
    if (istarts_with(text, s) && text.substr(s.size(), 3) == "://") {
      text.remove_prefix(s.size() + 3);
      return s;
    }
  }
  return std::nullopt;
}

/// An endpoint given as text ("https://storage.example.com/", "localhost:9000"): the scheme when
/// one is written, and the host in lower case, checked by check_host (no user info, path,
/// query; port 1-65535) and check_dns_name (labels 1-63, no empty label, no '-' at either end
/// of one, 253 in all). Offsets refer to `text`; errors belong to fields::endpoint.
[[nodiscard]] inline result<void> parse_endpoint_host(std::string_view text, std::string& scheme,
                                                      std::string& host) {
  const std::size_t whole = text.size();
  if (auto s = split_scheme(text)) scheme.assign(*s);
  const std::size_t base = whole - text.size();
  if (!text.empty() && text.back() == '/') text.remove_suffix(1);  // "https://host/"
  if (auto ok = check_host(text); !ok) return ok.error().shifted(base).in_field(fields::endpoint);
  if (auto ok = check_dns_name(text); !ok)
    return ok.error().shifted(base).in_field(fields::endpoint);
  host.assign(text);
  for (char& c : host) c = ascii_lower(c);
  return {};
}

}  // namespace detail

/// Scheme, host, region and bucket placement of a service endpoint: the base of the vendors'
/// endpoints, which set it up through the protected members under their own rules. A value.
class endpoint_base {
 public:
  /// "https" (the default) or "http".
  [[nodiscard]] std::string_view scheme() const noexcept { return scheme_; }
  /// The service host, without any bucket, lower case: "storage.example.com", "localhost:9000".
  [[nodiscard]] std::string_view host() const noexcept { return host_; }
  /// The region signatures are scoped to ("" when the vendor's endpoint did not set one).
  [[nodiscard]] std::string_view region() const noexcept { return region_; }
  [[nodiscard]] bucket_placement placement() const noexcept { return placement_; }

  friend bool operator==(const endpoint_base&, const endpoint_base&) = default;

 protected:
  /// A bucket-name or object-key rule of a vendor (check_bucket_name, check_object_key).
  using name_rule = result<void> (*)(std::string_view) noexcept;

  endpoint_base() = default;

  /// The vendor's service host for a region ("<service>.<region>.example.com"), virtual-hosted.
  void set_service_host(std::string host) {
    host_ = std::move(host);
    placement_ = bucket_placement::host;
  }
  /// A host given as "[http[s]://]host[:port]" that takes the bucket as its first label, or in
  /// the path for an IP literal or localhost. errc::invalid_host at the offending byte.
  [[nodiscard]] result<void> set_custom_host(std::string_view text) {
    if (auto ok = detail::parse_endpoint_host(text, scheme_, host_); !ok) return ok;
    placement_ = detail::needs_path_style(host_) ? bucket_placement::path : bucket_placement::host;
    return {};
  }
  /// A domain bound to one bucket, "[http[s]://]img.example.com": the URL has no bucket.
  [[nodiscard]] result<void> set_bound_domain(std::string_view text) {
    if (auto ok = detail::parse_endpoint_host(text, scheme_, host_); !ok) return ok;
    placement_ = bucket_placement::none;
    return {};
  }
  /// "https" or "http"; otherwise errc::invalid_scheme with `refusal` as its detail.
  [[nodiscard]] result<void> set_scheme(std::string_view scheme, std::string_view refusal) {
    if (scheme != "https" && scheme != "http")
      return error{errc::invalid_scheme, 0, refusal}.in_field(fields::endpoint);
    scheme_.assign(scheme);
    return {};
  }
  /// The region, checked by the vendor first.
  void set_region(std::string_view region) { region_.assign(region); }
  /// Path-style URLs from now on (a bound domain has no bucket in its URL: unchanged).
  void use_path_style() noexcept {
    if (placement_ != bucket_placement::none) placement_ = bucket_placement::path;
  }

  /// Where a request for `key` in `bucket` goes, once `bucket_rule` and (for a non-empty key)
  /// `key_rule` accept them; an empty key addresses the bucket itself ("/" or "/<bucket>/"). The
  /// key is encoded with percent_set::path, '/' kept.
  [[nodiscard]] result<location> locate_with(name_rule bucket_rule, name_rule key_rule,
                                             std::string_view bucket, std::string_view key) const {
    if (auto ok = bucket_rule(bucket); !ok) return ok.error();
    if (!key.empty())
      if (auto ok = key_rule(key); !ok) return ok.error();
    location where;
    where.scheme = scheme_;
    where.path.clear();
    switch (placement_) {
      case bucket_placement::host:
        where.host.reserve(bucket.size() + 1 + host_.size());
        where.host.assign(bucket);
        where.host += '.';
        where.host += host_;
        break;
      case bucket_placement::path:
        where.host = host_;
        where.path += '/';
        where.path += bucket;
        break;
      case bucket_placement::none:
        where.host = host_;
        break;
    }
    where.path += '/';
    append_percent_encoded(where.path, key, percent_set::path);
    return where;
  }

 private:
  std::string scheme_ = "https";
  std::string host_;
  std::string region_;
  bucket_placement placement_ = bucket_placement::host;
};

}  // namespace http

OBJPROC_NAMESPACE_END

#endif  // OBJPROC_HTTP_ENDPOINT_HPP
