// SPDX-License-Identifier: MIT
// The header under test comes first: it must compile on its own.
#include "objproc/cos/traits.hpp"

#include <catch2/catch.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace {

namespace cos = objproc::cos;
namespace http = objproc::http;
using objproc::operation_traits;
using std::chrono::sys_seconds;

http::response answer(int status, std::string body, std::vector<http::header> headers = {}) {
  return http::response{status, std::move(headers), std::move(body)};
}

constexpr std::string_view upload_xml =
    "<UploadResult><OriginalInfo><Key>a.jpg</Key><Location>l</Location><ETag>e</ETag>"
    "</OriginalInfo></UploadResult>";

}  // namespace

TEST_CASE("cos traits: the operations' types and task rule", "[cos][traits]") {
  STATIC_REQUIRE(objproc::operation_with_traits<cos::ci_put_object>);
  STATIC_REQUIRE(objproc::operation_with_traits<cos::ci_image_process>);
  STATIC_REQUIRE(
      std::is_same_v<operation_traits<cos::ci_put_object>::value_type, cos::upload_result>);
  STATIC_REQUIRE(
      std::is_same_v<operation_traits<cos::ci_image_process>::value_type, cos::upload_result>);
  STATIC_REQUIRE(std::is_same_v<operation_traits<cos::ci_image_process>::service_error_type,
                                cos::service_error>);
  STATIC_REQUIRE(
      std::is_same_v<operation_traits<cos::ci_put_object>::endpoint_type, cos::endpoint>);
  // Both are answered at once: nothing keeps running that a repeat would duplicate.
  STATIC_REQUIRE_FALSE(operation_traits<cos::ci_put_object>::creates_task);
  STATIC_REQUIRE_FALSE(operation_traits<cos::ci_image_process>::creates_task);
  STATIC_REQUIRE_FALSE(objproc::operation_with_traits<cos::presign_get>);  // not sent
}

TEST_CASE("cos traits: the client's signer comes from its options", "[cos][traits][signer]") {
  STATIC_REQUIRE(objproc::operation_with_signer<cos::presign_get>);  // signed, not sent
  STATIC_REQUIRE_FALSE(objproc::operation_with_traits<cos::presign_get>);
  objproc::signing_state state;
  const auto hour = operation_traits<cos::ci_put_object>::signer(objproc::client_options{}, state);
  STATIC_REQUIRE(std::is_same_v<decltype(hour), const cos::signer>);
  CHECK(hour.lifetime == std::chrono::seconds{3600});
  const auto minute = operation_traits<cos::ci_image_process>::signer(
      objproc::client_options{.cos_signature_lifetime = std::chrono::seconds{60}}, state);
  CHECK(minute.lifetime == std::chrono::seconds{60});
  const objproc::owned_credentials keys{"AKIDExample", "secret", "token"};
  const cos::credentials creds = operation_traits<cos::presign_get>::credentials_of(keys);
  CHECK(creds.secret_id == "AKIDExample");
  CHECK(creds.secret_key == "secret");
  CHECK(creds.session_token == "token");
}

TEST_CASE("cos traits: request ids, COS's before CI's", "[cos][traits]") {
  CHECK(
      cos::request_id(answer(200, "", {{"x-ci-request-id", "CI1"}, {"X-Cos-Request-Id", "C1"}})) ==
      std::optional<std::string_view>("C1"));
  CHECK(cos::request_id(answer(200, "", {{"x-ci-request-id", "CI1"}})) ==
        std::optional<std::string_view>("CI1"));
  CHECK_FALSE(cos::request_id(answer(200, "", {{"x-oss-request-id", "O1"}})).has_value());
  CHECK(operation_traits<cos::ci_put_object>::request_id(answer(
            200, "", {{"x-cos-request-id", "C2"}})) == std::optional<std::string_view>("C2"));

  const auto parsed = operation_traits<cos::ci_image_process>::parse(
      answer(200, std::string(upload_xml), {{"x-cos-request-id", "C3"}}));
  REQUIRE(parsed.has_value());
  CHECK(parsed->original.key == "a.jpg");
  CHECK_FALSE(operation_traits<cos::ci_put_object>::parse(answer(200, "<Error/>")).has_value());
}

TEST_CASE("cos traits: the service error, and a body that is not one", "[cos][traits]") {
  using traits = operation_traits<cos::ci_put_object>;
  const auto e = traits::parse_service_error(
      answer(404,
             "<Error><Code>NoSuchKey</Code><Message>m</Message><RequestId>R1</RequestId>"
             "</Error>",
             {{"x-cos-request-id", "H1"}}));
  CHECK(e.code == "NoSuchKey");
  CHECK(e.request_id == "R1");  // the body's own
  const auto proxy = traits::parse_service_error(
      answer(502, "<html>bad gateway</html>", {{"x-ci-request-id", "H2"}}));
  CHECK(proxy.code.empty());
  CHECK(proxy.request_id == "H2");  // from the headers
}

TEST_CASE("cos traits: how a refused signing time shows", "[cos][traits]") {
  using traits = operation_traits<cos::ci_image_process>;
  const std::vector<http::header> dated = {{"Date", "Sat, 21 Nov 2026 07:30:00 GMT"}};
  const sys_seconds server{std::chrono::seconds{1795246200}};  // 2026-11-21T07:30:00Z
  const auto skew = [&](std::string body, std::vector<http::header> headers) {
    const auto r = answer(403, std::move(body), std::move(headers));
    return traits::server_time_if_skewed(r, traits::parse_service_error(r));
  };
  CHECK(skew("<Error><Code>RequestTimeTooSkewed</Code></Error>", dated) == server);
  CHECK(skew("<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>",
             dated) == server);
  // Without a Date header COS gives no time to correct to.
  CHECK_FALSE(skew("<Error><Code>RequestTimeTooSkewed</Code></Error>", {}).has_value());
  CHECK_FALSE(
      skew("<Error><Code>AccessDenied</Code><Message>Access Denied.</Message></Error>", dated)
          .has_value());
}
