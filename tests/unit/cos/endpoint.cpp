// SPDX-License-Identifier: MIT
// The header under test comes first: it must compile on its own.
#include "objproc/cos/endpoint.hpp"

#include <catch2/catch.hpp>

#include <array>
#include <cstddef>
#include <string>
#include <string_view>

#include "objproc/http/request.hpp"

namespace {

namespace cos = objproc::cos;
namespace http = objproc::http;
using objproc::errc;

std::string url_of(const cos::endpoint& ep, std::string_view bucket, std::string_view key) {
  const auto where = ep.locate(bucket, key);
  REQUIRE(where.has_value());
  auto req = http::request::make(http::method::get, *where);
  REQUIRE(req.has_value());
  return req->url();
}

}  // namespace

TEST_CASE("cos endpoint: the operations.json vectors", "[cos][endpoint]") {
  struct vec {
    std::string_view region, bucket, key, query, url;
  };
  // tests/vectors/operations.json: every COS vector's region, bucket, key and expected URL.
  for (const vec& v : {
           vec{"ap-guangzhou", "examplebucket-1250000000", "local.jpg", "",
               "https://examplebucket-1250000000.cos.ap-guangzhou.myqcloud.com/local.jpg"},
           vec{"ap-guangzhou", "examplebucket-1250000000", "local.jpg", "image_process",
               "https://examplebucket-1250000000.cos.ap-guangzhou.myqcloud.com/"
               "local.jpg?image_process"},
           vec{"ap-guangzhou", "examplebucket-1250000000", "dir/中文 a.jpg", "image_process",
               "https://examplebucket-1250000000.cos.ap-guangzhou.myqcloud.com/dir/"
               "%E4%B8%AD%E6%96%87%20a.jpg?image_process"},
       }) {
    INFO(v.key);
    const auto ep = cos::endpoint::for_region(v.region);
    REQUIRE(ep.has_value());
    const auto where = ep->locate(v.bucket, v.key);
    REQUIRE(where.has_value());
    auto req = http::request::make(http::method::post, *where);
    REQUIRE(req.has_value());
    if (!v.query.empty()) REQUIRE(req->add_query(v.query).has_value());
    CHECK(req->url() == v.url);
  }
  CHECK(*cos::endpoint::for_region("ap-guangzhou")
             ->locate("examplebucket-1250000000", "dir/中文 a.jpg") ==
        http::location{"https", "examplebucket-1250000000.cos.ap-guangzhou.myqcloud.com",
                       "/dir/%E4%B8%AD%E6%96%87%20a.jpg"});
}

TEST_CASE("cos endpoint: hosts", "[cos][endpoint]") {
  const auto ep = cos::endpoint::for_region("ap-beijing");
  REQUIRE(ep.has_value());
  CHECK(ep->host() == "cos.ap-beijing.myqcloud.com");
  CHECK(ep->region() == "ap-beijing");
  CHECK(ep->style() == cos::url_style::virtual_hosted);
  CHECK(url_of(*cos::endpoint::accelerate(), "b-1250000000", "k") ==
        "https://b-1250000000.cos.accelerate.myqcloud.com/k");
  CHECK(url_of(*cos::endpoint::for_region("cn-south"), "b-1250000000", "k") ==
        "https://b-1250000000.cn-south.myqcloud.com/k");
  CHECK(url_of(*ep->with_scheme("http"), "b-1250000000", "k") ==
        "http://b-1250000000.cos.ap-beijing.myqcloud.com/k");
  CHECK(ep->with_scheme("HTTPS").error().code == errc::invalid_scheme);
  CHECK(ep->locate("b-1250000000")->path == "/");

  CHECK(cos::endpoint::for_region("").error().code == errc::invalid_region);
  CHECK(cos::endpoint::for_region("ap guangzhou").error().offset == 2);
  CHECK(cos::endpoint::for_region("ap-guangzhou\n").error().offset == 12);
}

TEST_CASE("cos endpoint: custom domains and path style", "[cos][endpoint]") {
  const auto domain = cos::endpoint::custom_domain("img.example.com");
  REQUIRE(domain.has_value());
  CHECK(domain->style() == cos::url_style::custom_domain);
  CHECK(url_of(*domain, "examplebucket-1250000000", "dir/中文 a.jpg") ==
        "https://img.example.com/dir/%E4%B8%AD%E6%96%87%20a.jpg");

  struct custom {
    std::string_view text, url;
  };
  for (const custom& c : {
           custom{"127.0.0.1", "https://127.0.0.1/b-1250000000/a%20b"},
           custom{"http://localhost:9000", "http://localhost:9000/b-1250000000/a%20b"},
           custom{"[::1]:9000", "https://[::1]:9000/b-1250000000/a%20b"},
           custom{"cos.example.com", "https://b-1250000000.cos.example.com/a%20b"},
       }) {
    INFO(c.text);
    const auto ep = cos::endpoint::custom(c.text);
    REQUIRE(ep.has_value());
    CHECK(url_of(*ep, "b-1250000000", "a b") == c.url);
  }
  for (const std::string_view bad : {"a/b", "u@h", "a b", "h\r", "h\n", "[::1"}) {
    INFO(bad);
    CHECK(cos::endpoint::custom(bad).error().code == errc::invalid_host);
    CHECK(cos::endpoint::custom_domain(bad).error().code == errc::invalid_host);
  }
  CHECK(cos::endpoint::custom_domain("https://a b").error().offset == 9);
}

TEST_CASE("cos endpoint: bucket must be BucketName-APPID", "[cos][endpoint]") {
  const auto ep = cos::endpoint::for_region("ap-guangzhou");
  for (const std::string_view b :
       {"examplebucket", "examplebucket-", "-1250000000", "Example-1250000000",
        "example-12500x0000", "example_b-1250000000"}) {
    INFO(b);
    CHECK(ep->locate(b, "k").error().code == errc::invalid_bucket_name);
  }
  CHECK(ep->locate("examplebucket", "k").error().offset == 13);
  CHECK(ep->locate("examplebucket-1250000000", "\xc3").error().code == errc::invalid_object_key);
  CHECK(ep->locate("examplebucket-1250000000", "a'b c")->path == "/a%27b%20c");
}

TEST_CASE("cos endpoint: custom hosts follow the DNS label rules", "[cos][endpoint]") {
  CHECK(cos::endpoint::custom("cos.example.com").has_value());
  CHECK(cos::endpoint::custom("http://127.0.0.1:9000").has_value());
  CHECK(cos::endpoint::custom(std::string(63, 'a') + ".com").has_value());
  struct bad {
    std::string text;
    std::size_t offset;
  };
  const bad cases[] = {
      {"a..b", 2},
      {"-a.com", 0},
      {"a-.com", 1},
      {"a.com.", 6},
      {".a.com", 0},
      {std::string(64, 'a') + ".com", 63},
      {std::string(300, 'a'), 253},
      {"a.com:0", 6},
      {"a.com:65536", 6},
      {"user@a.com", 4},
      {"a.com/path", 5},
      {"a.com?q", 5},
      {"https://a..b", 10},
  };
  for (const bad& b : cases) {
    INFO(b.text);
    const auto e = cos::endpoint::custom(b.text);
    REQUIRE_FALSE(e.has_value());
    CHECK(e.error().code == errc::invalid_host);
    CHECK(e.error().offset == b.offset);
  }
}

TEST_CASE("cos endpoint: errors name the input they belong to", "[cos][endpoint]") {
  for (const std::string_view bad : {"", "AP-guangzhou", "ap_guangzhou"}) {
    INFO(bad);
    CHECK(cos::check_region(bad).error().field == objproc::fields::region);
    CHECK(cos::endpoint::for_region(bad).error().field == "region");
  }
  CHECK(cos::endpoint::custom("a..b").error().field == "endpoint");
  CHECK(cos::endpoint::custom_domain("u@h").error().field == "endpoint");
  const auto ep = cos::endpoint::for_region("ap-guangzhou");
  CHECK(ep->with_scheme("ftp").error().field == "endpoint");
  CHECK(ep->with_scheme("ftp").error().detail == "COS endpoints use https or http");
  CHECK(ep->locate("examplebucket", "k").error().field == "bucket");
  CHECK(ep->locate("examplebucket-1250000000", "a\x1b").error().field == "key");
}

TEST_CASE("cos endpoint: the base's placement and the COS style agree", "[cos][endpoint]") {
  const auto region = cos::endpoint::for_region("ap-guangzhou");
  CHECK(region->placement() == http::bucket_placement::host);
  CHECK(cos::endpoint::custom("127.0.0.1:9000")->style() == cos::url_style::path);
  const auto domain = cos::endpoint::custom_domain("img.example.com");
  CHECK(domain->placement() == http::bucket_placement::none);
  CHECK(domain->style() == cos::url_style::custom_domain);
}
