// SPDX-License-Identifier: MIT
// The header under test comes first: it must compile on its own.
#include "objproc/oss/endpoint.hpp"

#include <catch2/catch.hpp>

#include <array>
#include <cstddef>
#include <string>
#include <string_view>

#include "objproc/http/request.hpp"

namespace {

namespace oss = objproc::oss;
namespace http = objproc::http;
using objproc::errc;

std::string url_of(const oss::endpoint& ep, std::string_view bucket, std::string_view key) {
  const auto where = ep.locate(bucket, key);
  REQUIRE(where.has_value());
  auto req = http::request::make(http::method::get, *where);
  REQUIRE(req.has_value());
  return req->url();
}

}  // namespace

TEST_CASE("oss endpoint: the operations.json vectors", "[oss][endpoint]") {
  struct vec {
    std::string_view region, bucket, key, query, url;
  };
  // tests/vectors/operations.json: every vector's region, bucket, key and expected URL.
  for (const vec& v : {
           vec{"cn-hangzhou", "examplebucket", "exampledir/example.jpg", "x-oss-process",
               "https://examplebucket.oss-cn-hangzhou.aliyuncs.com/exampledir/"
               "example.jpg?x-oss-process"},
           vec{"cn-hangzhou", "examplebucket", "src/猫 1.png", "x-oss-process",
               "https://examplebucket.oss-cn-hangzhou.aliyuncs.com/src/"
               "%E7%8C%AB%201.png?x-oss-process"},
           vec{"cn-hangzhou", "examplebucket", "docs/example.docx", "x-oss-async-process",
               "https://examplebucket.oss-cn-hangzhou.aliyuncs.com/docs/"
               "example.docx?x-oss-async-process"},
           vec{"cn-shanghai", "examplebucket", "video/in.mov", "x-oss-async-process",
               "https://examplebucket.oss-cn-shanghai.aliyuncs.com/video/"
               "in.mov?x-oss-async-process"},
           vec{"cn-hangzhou", "examplebucket", "photos/cat.jpg", "",
               "https://examplebucket.oss-cn-hangzhou.aliyuncs.com/photos/cat.jpg"},
       }) {
    INFO(v.key);
    const auto ep = oss::endpoint::for_region(v.region);
    REQUIRE(ep.has_value());
    CHECK(ep->region() == v.region);
    const auto where = ep->locate(v.bucket, v.key);
    REQUIRE(where.has_value());
    auto req = http::request::make(http::method::post, *where);
    REQUIRE(req.has_value());
    if (!v.query.empty()) REQUIRE(req->add_query(v.query).has_value());
    CHECK(req->url() == v.url);
  }
  const auto ep = oss::endpoint::for_region("cn-hangzhou");
  CHECK(*ep->locate("examplebucket", "src/猫 1.png") ==
        http::location{"https", "examplebucket.oss-cn-hangzhou.aliyuncs.com",
                       "/src/%E7%8C%AB%201.png"});
}

TEST_CASE("oss endpoint: networks and schemes", "[oss][endpoint]") {
  struct net {
    oss::network n;
    std::string_view host;
  };
  for (const net& x :
       {net{oss::network::public_internet, "oss-cn-hangzhou.aliyuncs.com"},
        net{oss::network::internal, "oss-cn-hangzhou-internal.aliyuncs.com"},
        net{oss::network::dual_stack, "cn-hangzhou.oss.aliyuncs.com"},
        net{oss::network::accelerate, "oss-accelerate.aliyuncs.com"},
        net{oss::network::accelerate_overseas, "oss-accelerate-overseas.aliyuncs.com"}}) {
    const auto ep = oss::endpoint::for_region("cn-hangzhou", x.n);
    REQUIRE(ep.has_value());
    CHECK(ep->host() == x.host);
    CHECK(ep->region() == "cn-hangzhou");
    CHECK(ep->style() == oss::url_style::virtual_hosted);
    CHECK(url_of(*ep, "bkt", "a b") == "https://bkt." + std::string(x.host) + "/a%20b");
  }
  const auto ep = oss::endpoint::for_region("cn-hangzhou");
  const auto plain = ep->with_scheme("http");
  REQUIRE(plain.has_value());
  CHECK(url_of(*plain, "bkt", "k") == "http://bkt.oss-cn-hangzhou.aliyuncs.com/k");
  CHECK(ep->with_scheme("ftp").error().code == errc::invalid_scheme);
  CHECK(url_of(ep->with_path_style(), "bkt", "d/k") ==
        "https://oss-cn-hangzhou.aliyuncs.com/bkt/d/k");
  // The bucket itself.
  CHECK(ep->locate("bkt")->path == "/");
  CHECK(ep->with_path_style().locate("bkt")->path == "/bkt/");

  CHECK(oss::endpoint::for_region("").error().code == errc::invalid_region);
  CHECK(oss::endpoint::for_region("cn_hangzhou").error().offset == 2);
  CHECK(oss::endpoint::for_region("CN-hangzhou").error().offset == 0);
  CHECK(oss::endpoint::for_region("oss-cn-hangzhou").error().code == errc::invalid_region);
  CHECK(oss::endpoint::for_region("cn-hangzhou\r\nX: y").error().offset == 11);
}

TEST_CASE("oss endpoint: custom hosts, path style for IPs and localhost", "[oss][endpoint]") {
  struct custom {
    std::string_view text, url;
  };
  for (const custom& c : {
           custom{"127.0.0.1", "https://127.0.0.1/bkt/dir/a%20b.jpg"},
           custom{"localhost:9000", "https://localhost:9000/bkt/dir/a%20b.jpg"},
           custom{"http://localhost:9000", "http://localhost:9000/bkt/dir/a%20b.jpg"},
           custom{"LocalHost", "https://localhost/bkt/dir/a%20b.jpg"},
           custom{"[::1]", "https://[::1]/bkt/dir/a%20b.jpg"},
           custom{"http://[::1]:9000/", "http://[::1]:9000/bkt/dir/a%20b.jpg"},
           custom{"10.1.2.3:8080", "https://10.1.2.3:8080/bkt/dir/a%20b.jpg"},
           custom{"oss.example.com", "https://bkt.oss.example.com/dir/a%20b.jpg"},
           custom{"1.2.3.4.example.com", "https://bkt.1.2.3.4.example.com/dir/a%20b.jpg"},
           custom{"https://oss-cn-hangzhou.aliyuncs.com",
                  "https://bkt.oss-cn-hangzhou.aliyuncs.com/dir/a%20b.jpg"},
       }) {
    INFO(c.text);
    const auto ep = oss::endpoint::custom(c.text);
    REQUIRE(ep.has_value());
    CHECK(url_of(*ep, "bkt", "dir/a b.jpg") == c.url);
  }
  CHECK(oss::endpoint::custom("127.0.0.1")->style() == oss::url_style::path);
  CHECK(oss::endpoint::custom("oss.example.com")->region().empty());
  CHECK(oss::endpoint::custom("oss.example.com")->with_region("cn-beijing")->region() ==
        "cn-beijing");

  struct bad {
    std::string_view text;
    std::size_t offset;
  };
  for (const bad& b : {bad{"", 0}, bad{"https://", 8}, bad{"host/path", 4}, bad{"ak@host", 2},
                       bad{"a host", 1}, bad{"host\r\n", 4}, bad{"http://ho\nst", 9},
                       bad{std::string_view("h\0st", 4), 1}, bad{"host:abc", 5}}) {
    INFO(b.text);
    for (const auto& r : {oss::endpoint::custom(b.text), oss::endpoint::cname(b.text)}) {
      REQUIRE_FALSE(r.has_value());
      CHECK(r.error().code == errc::invalid_host);
      CHECK(r.error().offset == b.offset);
    }
  }
}

TEST_CASE("oss endpoint: CNAME has no bucket in the URL", "[oss][endpoint]") {
  const auto ep = oss::endpoint::cname("img.example.com");
  REQUIRE(ep.has_value());
  CHECK(ep->style() == oss::url_style::cname);
  CHECK(url_of(*ep, "examplebucket", "src/猫 1.png") ==
        "https://img.example.com/src/%E7%8C%AB%201.png");
  CHECK(ep->with_path_style().style() == oss::url_style::cname);
  CHECK(url_of(*oss::endpoint::cname("http://127.0.0.1:8080"), "examplebucket", "k") ==
        "http://127.0.0.1:8080/k");
}

TEST_CASE("oss endpoint: bucket and key checks", "[oss][endpoint]") {
  const auto ep = oss::endpoint::for_region("cn-hangzhou");
  for (const std::string_view b : {"ab", "-abc", "abc-", "Abc", "a_bc", "a.bc"}) {
    INFO(b);
    CHECK(ep->locate(b, "k").error().code == errc::invalid_bucket_name);
  }
  CHECK(ep->locate("a_bc", "k").error().offset == 1);
  CHECK(ep->locate(std::string(64, 'a'), "k").error().code == errc::invalid_bucket_name);
  CHECK(ep->locate(std::string(63, 'a'), "k").has_value());
  CHECK(ep->locate("bkt", "/k").error().code == errc::invalid_object_key);
  CHECK(ep->locate("bkt", "\\k").error().code == errc::invalid_object_key);
  CHECK(ep->locate("bkt", "\xff").error().code == errc::invalid_object_key);
  CHECK(ep->locate("bkt", std::string(1024, 'k')).error().code == errc::invalid_object_key);
  // Reserved and special characters are all encoded; '/' stays.
  CHECK(ep->locate("bkt", "a/?#[]@!$&'()*+,;=%~-._z")->path ==
        "/a/%3F%23%5B%5D%40%21%24%26%27%28%29%2A%2B%2C%3B%3D%25~-._z");
}

TEST_CASE("oss endpoint: custom hosts follow the DNS label rules", "[oss][endpoint]") {
  CHECK(oss::endpoint::custom("oss.example.com").has_value());
  CHECK(oss::endpoint::custom("localhost:9000").has_value());
  CHECK(oss::endpoint::custom("[::1]:9000").has_value());
  for (const std::string& bad :
       {std::string("a..b"), std::string("-a.com"), std::string("a-.com"),
        std::string(64, 'a') + ".com", std::string(300, 'a'), std::string("a.com:0"),
        std::string("a.com:99999"), std::string("u:p@a.com"), std::string("a.com/x")}) {
    INFO(bad);
    const auto e = oss::endpoint::custom(bad);
    REQUIRE_FALSE(e.has_value());
    CHECK(e.error().code == errc::invalid_host);
    CHECK_FALSE(oss::endpoint::cname(bad).has_value());
  }
}

TEST_CASE("oss endpoint: errors name the input they belong to", "[oss][endpoint]") {
  for (const std::string_view bad : {"", "CN-hangzhou", "oss-cn-hangzhou"}) {
    INFO(bad);
    CHECK(oss::check_region(bad).error().field == objproc::fields::region);
    CHECK(oss::endpoint::for_region(bad).error().field == "region");
  }
  const auto custom = oss::endpoint::custom("oss.example.com");
  REQUIRE(custom.has_value());
  CHECK(custom->with_region("cn_hangzhou").error().field == "region");
  CHECK(custom->with_scheme("ftp").error().field == "endpoint");
  CHECK(oss::endpoint::custom("a..b").error().field == "endpoint");
  CHECK(oss::endpoint::cname("a..b").error().field == "endpoint");
  // locate() reports the bucket as the bucket and the key as the key, never as anything else.
  CHECK(custom->locate("Bucket", "k").error().field == "bucket");
  CHECK(custom->locate("bucket", "/k").error().field == "key");
}

TEST_CASE("oss endpoint: the base's placement and the OSS style agree", "[oss][endpoint]") {
  const auto region = oss::endpoint::for_region("cn-hangzhou");
  CHECK(region->placement() == objproc::http::bucket_placement::host);
  CHECK(region->with_path_style().placement() == objproc::http::bucket_placement::path);
  CHECK(region->with_path_style().style() == oss::url_style::path);
  CHECK(oss::endpoint::custom("localhost")->style() == oss::url_style::path);
  CHECK(oss::endpoint::cname("img.example.com")->placement() ==
        objproc::http::bucket_placement::none);
}
