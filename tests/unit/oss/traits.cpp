// SPDX-License-Identifier: MIT
// The header under test comes first: it must compile on its own.
#include "objproc/oss/traits.hpp"

#include <catch2/catch.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "objproc/core/text.hpp"

namespace {

namespace oss = objproc::oss;
namespace http = objproc::http;
using objproc::operation_traits;
using std::chrono::sys_seconds;

http::response answer(int status, std::string body, std::vector<http::header> headers = {}) {
  return http::response{status, std::move(headers), std::move(body)};
}

constexpr sys_seconds at(long long seconds) { return sys_seconds(std::chrono::seconds(seconds)); }

constexpr std::string_view skewed_xml =
    "<Error><Code>RequestTimeTooSkewed</Code><Message>The difference between the request time "
    "and the current time is too large.</Message><RequestId>RID</RequestId>"
    "<ServerTime>2026-11-21T08:20:00.000Z</ServerTime></Error>";

}  // namespace

TEST_CASE("oss traits: the operations' types and task rule", "[oss][traits]") {
  STATIC_REQUIRE(objproc::operation_with_traits<oss::process_object>);
  STATIC_REQUIRE(objproc::operation_with_traits<oss::async_process_object>);
  STATIC_REQUIRE(
      std::is_same_v<operation_traits<oss::process_object>::value_type, oss::process_result>);
  STATIC_REQUIRE(std::is_same_v<operation_traits<oss::async_process_object>::value_type,
                                oss::async_process_result>);
  STATIC_REQUIRE(std::is_same_v<operation_traits<oss::process_object>::service_error_type,
                                oss::service_error>);
  STATIC_REQUIRE(
      std::is_same_v<operation_traits<oss::process_object>::endpoint_type, oss::endpoint>);
  // Only AsyncProcessObject starts a task for every accepted request.
  STATIC_REQUIRE_FALSE(operation_traits<oss::process_object>::creates_task);
  STATIC_REQUIRE(operation_traits<oss::async_process_object>::creates_task);
  STATIC_REQUIRE_FALSE(objproc::operation_with_traits<oss::presign_get>);  // not sent
}

TEST_CASE("oss traits: the client's signer comes from its options", "[oss][traits][signer]") {
  STATIC_REQUIRE(objproc::operation_with_signer<oss::presign_get>);  // signed, not sent
  STATIC_REQUIRE(objproc::operation_with_signer<oss::process_object>);
  using traits = operation_traits<oss::process_object>;
  objproc::signing_state state;
  const auto v4 = traits::signer(objproc::client_options{}, state);
  STATIC_REQUIRE(std::is_same_v<decltype(v4), const oss::signer>);
  CHECK(v4.version == oss::signature_version::v4);
  CHECK(v4.cache == &state.v4_keys);  // the key is derived once a day, per client
  const auto v1 = operation_traits<oss::async_process_object>::signer(
      objproc::client_options{.oss_signature = oss::signature_version::v1}, state);
  CHECK(v1.version == oss::signature_version::v1);
  const objproc::owned_credentials keys{"LTAI5tExample", "secret", "token"};
  const oss::credentials creds = operation_traits<oss::presign_get>::credentials_of(keys);
  CHECK(creds.access_key_id == "LTAI5tExample");
  CHECK(creds.access_key_secret == "secret");
  CHECK(creds.security_token == "token");
}

TEST_CASE("oss traits: results carry the x-oss-request-id header", "[oss][traits]") {
  const auto ok = answer(200, R"({"bucket": "", "fileSize": 3, "object": "d.jpg", "status": "OK"})",
                         {{"X-Oss-Request-Id", "5C1"}, {"x-cos-request-id", "not-ours"}});
  CHECK(oss::request_id(ok) == std::optional<std::string_view>("5C1"));
  const auto parsed = operation_traits<oss::process_object>::parse(ok);
  REQUIRE(parsed.has_value());
  CHECK(parsed->request_id == "5C1");
  CHECK(parsed->object == "d.jpg");

  const auto task =
      answer(200, R"({"EventId":"181-1kZ","RequestId":"1D99637F","TaskId":"MediaConvert-5a3"})",
             {{"x-oss-request-id", "5C2"}});
  const auto started = operation_traits<oss::async_process_object>::parse(task);
  REQUIRE(started.has_value());
  CHECK(started->request_id == "5C2");
  CHECK(started->task_id == "MediaConvert-5a3");

  // Another vendor's header is not OSS's request id.
  CHECK_FALSE(oss::request_id(answer(200, "", {{"x-cos-request-id", "c"}})).has_value());
  CHECK_FALSE(operation_traits<oss::process_object>::parse(answer(200, "not json")).has_value());
}

TEST_CASE("oss traits: the service error from body, x-oss-err or status", "[oss][traits]") {
  using traits = operation_traits<oss::async_process_object>;
  const auto body = traits::parse_service_error(answer(403, std::string(skewed_xml)));
  CHECK(body.status == 403);
  CHECK(body.code == "RequestTimeTooSkewed");
  CHECK(body.request_id == "RID");

  const std::string xml = "<Error><Code>NoSuchKey</Code><RequestId>R2</RequestId></Error>";
  const auto head =
      traits::parse_service_error(answer(404, "", {{"x-oss-err", objproc::to_base64(xml)}}));
  CHECK(head.status == 404);
  CHECK(head.code == "NoSuchKey");
  CHECK(head.request_id == "R2");

  // A proxy's page: no code, but the status and the request id.
  const auto proxy = traits::parse_service_error(
      answer(502, "<html>bad gateway</html>", {{"x-oss-request-id", "R3"}}));
  CHECK(proxy.status == 502);
  CHECK(proxy.code.empty());
  CHECK(proxy.request_id == "R3");
}

TEST_CASE("oss traits: how a refused signing time shows", "[oss][traits]") {
  using traits = operation_traits<oss::process_object>;
  const std::vector<http::header> dated = {{"Date", "Sat, 21 Nov 2026 08:20:00 GMT"}};
  const sys_seconds server = at(1795249200);  // 2026-11-21T08:20:00Z
  {
    const auto r = answer(403, std::string(skewed_xml), dated);
    CHECK(traits::server_time_if_skewed(r, traits::parse_service_error(r)) == server);
  }
  {  // no Date header: the <ServerTime> of the error
    const auto r = answer(403, std::string(skewed_xml));
    CHECK(traits::server_time_if_skewed(r, traits::parse_service_error(r)) == server);
  }
  {  // V4's way of saying it
    const auto r = answer(400,
                          "<Error><Code>InvalidArgument</Code><Message>Invalid signing date in "
                          "Authorization header.</Message></Error>",
                          dated);
    CHECK(traits::server_time_if_skewed(r, traits::parse_service_error(r)) == server);
  }
  {  // the same code about something else, and other codes: not a clock problem
    const auto r = answer(400,
                          "<Error><Code>InvalidArgument</Code><Message>Bad style."
                          "</Message></Error>",
                          dated);
    CHECK_FALSE(traits::server_time_if_skewed(r, traits::parse_service_error(r)).has_value());
    const auto denied = answer(403, "<Error><Code>AccessDenied</Code></Error>", dated);
    CHECK_FALSE(
        traits::server_time_if_skewed(denied, traits::parse_service_error(denied)).has_value());
  }
}
