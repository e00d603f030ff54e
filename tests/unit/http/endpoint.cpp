// SPDX-License-Identifier: MIT
// The header under test comes first: it must compile on its own.
#include "objproc/http/endpoint.hpp"

#include <catch2/catch.hpp>

#include <array>
#include <string>
#include <string_view>

#include "objproc/http/request.hpp"

namespace {

namespace http = objproc::http;
using objproc::errc;
using objproc::result;

// Rules of a made-up vendor: buckets of lowercase letters, keys without '#'.
constexpr result<void> letters_only(std::string_view bucket) noexcept {
  for (std::size_t i = 0; i < bucket.size(); ++i)
    if (bucket[i] < 'a' || bucket[i] > 'z')
      return objproc::error{errc::invalid_bucket_name, i, "letters"}.in_field(
          objproc::fields::bucket);
  return {};
}
constexpr result<void> no_hash(std::string_view key) noexcept {
  const std::size_t at = key.find('#');
  if (at != std::string_view::npos)
    return objproc::error{errc::invalid_object_key, at, "no '#'"}.in_field(objproc::fields::key);
  return {};
}

// The smallest vendor endpoint: what oss::endpoint and cos::endpoint do with the base.
class test_endpoint : public http::endpoint_base {
 public:
  static test_endpoint service(std::string host) {
    test_endpoint e;
    e.set_service_host(std::move(host));
    e.set_region("region-1");
    return e;
  }
  static result<test_endpoint> custom(std::string_view text) {
    test_endpoint e;
    if (auto ok = e.set_custom_host(text); !ok) return ok.error();
    return e;
  }
  static result<test_endpoint> bound(std::string_view text) {
    test_endpoint e;
    if (auto ok = e.set_bound_domain(text); !ok) return ok.error();
    return e;
  }
  [[nodiscard]] result<test_endpoint> with_scheme(std::string_view scheme) const {
    test_endpoint e = *this;
    if (auto ok = e.set_scheme(scheme, "https or http"); !ok) return ok.error();
    return e;
  }
  [[nodiscard]] test_endpoint with_path_style() const {
    test_endpoint e = *this;
    e.use_path_style();
    return e;
  }
  [[nodiscard]] result<http::location> locate(std::string_view bucket,
                                              std::string_view key = {}) const {
    return locate_with(letters_only, no_hash, bucket, key);
  }

 private:
  test_endpoint() = default;
};

// The URL a request made from locate() sends.
std::string url_of(const test_endpoint& ep, std::string_view bucket, std::string_view key) {
  const auto where = ep.locate(bucket, key);
  REQUIRE(where.has_value());
  const auto req = http::request::make(http::method::get, *where);
  REQUIRE(req.has_value());
  return req->url();
}

}  // namespace

TEST_CASE("endpoint base: the three bucket placements", "[http][endpoint]") {
  const auto service = test_endpoint::service("store.example.com");
  CHECK(service.placement() == http::bucket_placement::host);
  CHECK(service.region() == "region-1");
  CHECK(url_of(service, "photos", "a b/猫.jpg") ==
        "https://photos.store.example.com/a%20b/%E7%8C%AB.jpg");
  CHECK(url_of(service.with_path_style(), "photos", "a.jpg") ==
        "https://store.example.com/photos/a.jpg");
  CHECK(url_of(service, "photos", "") == "https://photos.store.example.com/");

  const auto emulator = test_endpoint::custom("http://LocalHost:9000/");
  REQUIRE(emulator.has_value());
  CHECK(emulator->scheme() == "http");
  CHECK(emulator->host() == "localhost:9000");  // lower case
  CHECK(emulator->region().empty());
  CHECK(emulator->placement() == http::bucket_placement::path);
  CHECK(url_of(*emulator, "photos", "a.jpg") == "http://localhost:9000/photos/a.jpg");
  CHECK(test_endpoint::custom("[::1]:9000")->placement() == http::bucket_placement::path);
  CHECK(test_endpoint::custom("10.0.0.1")->placement() == http::bucket_placement::path);
  CHECK(test_endpoint::custom("10.0.0.1.example.com")->placement() ==
        http::bucket_placement::host);

  const auto domain = test_endpoint::bound("img.example.com");
  REQUIRE(domain.has_value());
  CHECK(domain->placement() == http::bucket_placement::none);
  CHECK(domain->with_path_style().placement() == http::bucket_placement::none);
  CHECK(url_of(*domain, "photos", "a.jpg") == "https://img.example.com/a.jpg");
}

TEST_CASE("endpoint base: the vendor's rules run before anything is built", "[http][endpoint]") {
  const auto service = test_endpoint::service("store.example.com");
  const auto bad_bucket = service.locate("Photos", "a.jpg");
  REQUIRE_FALSE(bad_bucket.has_value());
  CHECK(bad_bucket.error().code == errc::invalid_bucket_name);
  CHECK(bad_bucket.error().field == "bucket");
  const auto bad_key = service.locate("photos", "a#b");
  REQUIRE_FALSE(bad_key.has_value());
  CHECK(bad_key.error().field == "key");
  CHECK(bad_key.error().offset == 1);
  CHECK(service.locate("photos").has_value());  // no key: the key rule is not asked
}

TEST_CASE("endpoint base: custom hosts and schemes fail in fields::endpoint", "[http][endpoint]") {
  for (const std::string_view bad : {"a..b", "https://-a.com", "u@a.com", "a.com:0", "a.com/x"}) {
    INFO(bad);
    const auto e = test_endpoint::custom(bad);
    REQUIRE_FALSE(e.has_value());
    CHECK(e.error().code == errc::invalid_host);
    CHECK(e.error().field == "endpoint");
  }
  // Offsets count from the start of the text, scheme included.
  CHECK(test_endpoint::bound("https://a..b").error().offset == 10);
  const auto scheme = test_endpoint::service("store.example.com").with_scheme("ftp");
  REQUIRE_FALSE(scheme.has_value());
  CHECK(scheme.error().code == errc::invalid_scheme);
  CHECK(scheme.error().field == "endpoint");
  CHECK(scheme.error().detail == "https or http");
  CHECK(test_endpoint::service("h.example.com").with_scheme("http")->scheme() == "http");
}

TEST_CASE("endpoint base: a value, compared member by member", "[http][endpoint]") {
  const auto a = test_endpoint::service("store.example.com");
  CHECK(a == test_endpoint::service("store.example.com"));
  CHECK_FALSE(a == a.with_path_style());
  CHECK_FALSE(a == *a.with_scheme("http"));
}
