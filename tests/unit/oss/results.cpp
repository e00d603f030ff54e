// SPDX-License-Identifier: MIT
// Tests objproc/oss/results.hpp: ProcessObject and AsyncProcessObject JSON results and OSS
// error responses (XML body and the base64 x-oss-err header), with every vector of
// responses.json embedded, and malformed or incomplete bodies refused with code and offset.
#include "objproc/oss/results.hpp"

#include <catch2/catch.hpp>

#include <cstddef>
#include <string>
#include <string_view>

using namespace objproc;

namespace {

// responses.json "oss-process-object-ok"
constexpr std::string_view process_ok =
    "{\"bucket\": \"\", \"fileSize\": 3267, \"object\": \"dest.jpg\", \"status\": \"OK\"}";
// responses.json "oss-process-object-ok-bucket"
constexpr std::string_view process_ok_bucket =
    "{\n    \"bucket\": \"targetbucket\",\n    \"fileSize\": 12,\n    \"object\": "
    "\"exampledir/resized.jpg\",\n    \"status\": \"OK\"}";
// responses.json "oss-async-process-ok"
constexpr std::string_view async_ok =
    "{\"EventId\":\"181-1kZUlN60OH4fWOcOjZEnGnG****\",\"RequestId\":\"1D99637F-F59E-5B41-9200-"
    "C4892F52****\",\"TaskId\":\"MediaConvert-e4a737df-69e9-4fca-8d9b-17c40ea4****\"}";
// responses.json "oss-error-signature"
constexpr std::string_view error_signature =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error>\n  <Code>SignatureDoesNotMatch</Code>\n  "
    "<Message>The request signature we calculated does not match the signature you provided. Check "
    "your key and signing method.</Message>\n  <RequestId>5C3D9175B6FC201293AD****</RequestId>\n  "
    "<HostId>examplebucket.oss-cn-hangzhou.aliyuncs.com</HostId>\n  "
    "<OSSAccessKeyId>LTAI5tExampleAK</OSSAccessKeyId>\n  "
    "<SignatureProvided>b844b952f0d0f5af801cc10abe2d43b5b64b2d6966c548b679e761f4b1662a69</"
    "SignatureProvided>\n  "
    "<StringToSign>OSS4-HMAC-SHA256\n20261121T080000Z\n20261121/cn-hangzhou/oss/"
    "aliyun_v4_request\n1f1c...</StringToSign>\n  <EC>0002-00000040</EC>\n</Error>\n";
// responses.json "oss-error-skewed"
constexpr std::string_view error_skewed =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error>\n  <Code>RequestTimeTooSkewed</Code>\n  "
    "<Message>The difference between the request time and the current time is too "
    "large.</Message>\n  <RequestId>6A1B2C3D4E5F60718293****</RequestId>\n  "
    "<HostId>examplebucket.oss-cn-hangzhou.aliyuncs.com</HostId>\n  "
    "<MaxAllowedSkewMilliseconds>900000</MaxAllowedSkewMilliseconds>\n  "
    "<RequestTime>2026-11-21T08:00:00.000Z</RequestTime>\n  "
    "<ServerTime>2026-11-21T08:20:00.000Z</ServerTime>\n  <EC>0002-00000504</EC>\n</Error>\n";

// A HEAD error: base64 of a NoSuchKey error body.
constexpr std::string_view head_error =
    "PD94bWwgdmVyc2lvbj0iMS4wIiBlbmNvZGluZz0iVVRGLTgiPz4KPEVycm9yPgogIDxDb2RlPk5vU3VjaEtleTwvQ29kZT"
    "4K"
    "ICA8TWVzc2FnZT5UaGUgc3BlY2lmaWVkIGtleSBkb2VzIG5vdCBleGlzdC48L01lc3NhZ2U+"
    "CiAgPFJlcXVlc3RJZD41QzNE"
    "OEQyQTBBQ0E1NEQ4N0I0MyoqKio8L1JlcXVlc3RJZD4KICA8SG9zdElkPmV4YW1wbGVidWNrZXQub3NzLWNuLWhhbmd6aG"
    "91"
    "LmFsaXl1bmNzLmNvbTwvSG9zdElkPgogIDxLZXk+bWlzc2luZy5qcGc8L0tleT4KICA8RUM+"
    "MDAyNi0wMDAwMDAwMTwvRUM+"
    "CjwvRXJyb3I+Cg==";

template <class R>
void require_error(const R& r, errc code, std::size_t offset) {
  REQUIRE_FALSE(r.has_value());
  INFO(to_string(r.error()));
  CHECK(r.error().code == code);
  CHECK(r.error().offset == offset);
  CHECK_FALSE(r.error().detail.empty());
}

}  // namespace

TEST_CASE("oss results: ProcessObject", "[oss][results]") {
  const auto r = oss::parse_process_result(process_ok, "5C1B138A109F4E405B2D****");
  REQUIRE(r.has_value());
  CHECK(r->bucket.empty());
  CHECK(r->file_size == 3267);
  CHECK(r->object == "dest.jpg");
  CHECK(r->status == "OK");
  CHECK(r->request_id == "5C1B138A109F4E405B2D****");

  const auto b = oss::parse_process_result(process_ok_bucket, "64F0A3B1C2D3E4F5A6B7****");
  REQUIRE(b.has_value());
  CHECK(b->bucket == "targetbucket");
  CHECK(b->file_size == 12);
  CHECK(b->object == "exampledir/resized.jpg");
  CHECK(b->status == "OK");
  CHECK(b->request_id == "64F0A3B1C2D3E4F5A6B7****");
  CHECK(*b == oss::process_result{"targetbucket", 12, "exampledir/resized.jpg", "OK",
                                  "64F0A3B1C2D3E4F5A6B7****"});
}

TEST_CASE("oss results: ProcessObject extras, escapes and limits", "[oss][results]") {
  const auto r = oss::parse_process_result(
      R"({"status":"OK","object":"a\/\u4e2d.jpg","fileSize":18446744073709551615,)"
      R"("bucket":"b","extra":[1,{"x":null}]})",
      "");
  // A file size beyond int64 is refused by the JSON integer reader.
  require_error(r, errc::value_out_of_range, 51);
  const auto ok = oss::parse_process_result(
      R"({"status":"OK","object":"a\/\u4e2d.jpg","fileSize":9223372036854775807,)"
      R"("bucket":"b","extra":[1,{"x":null}]})",
      "id");
  REQUIRE(ok.has_value());
  CHECK(ok->object == "a/\xE4\xB8\xAD.jpg");
  CHECK(ok->file_size == 9223372036854775807U);
  CHECK(ok->request_id == "id");
}

TEST_CASE("oss results: malformed ProcessObject bodies", "[oss][results]") {
  const std::string_view id = "id";
  require_error(oss::parse_process_result("", id), errc::invalid_json, 0);
  require_error(oss::parse_process_result(process_ok.substr(0, 30), id), errc::invalid_json, 30);
  require_error(oss::parse_process_result(R"({"bucket": "", "fileSize": 32,})", id),
                errc::invalid_json, 30);
  require_error(oss::parse_process_result("[]", id), errc::wrong_type, 0);
  require_error(oss::parse_process_result(" \"OK\"", id), errc::wrong_type, 1);
  require_error(oss::parse_process_result(R"({"fileSize": 1, "object": "o", "status": "OK"})", id),
                errc::missing_key, 0);
  require_error(oss::parse_process_result(R"({"bucket": "", "object": "o", "status": "OK"})", id),
                errc::missing_key, 0);
  require_error(oss::parse_process_result(R"({"bucket": "", "fileSize": 1, "status": "OK"})", id),
                errc::missing_key, 0);
  require_error(oss::parse_process_result(R"({"bucket": "", "fileSize": 1, "object": "o"})", id),
                errc::missing_key, 0);
  require_error(oss::parse_process_result(
                    R"({"bucket": 1, "fileSize": 1, "object": "o", "status": "OK"})", id),
                errc::wrong_type, 11);
  require_error(oss::parse_process_result(
                    R"({"bucket": "", "fileSize": "1", "object": "o", "status": "OK"})", id),
                errc::wrong_type, 27);
  require_error(oss::parse_process_result(
                    R"({"bucket": "", "fileSize": 1.5, "object": "o", "status": "OK"})", id),
                errc::invalid_number, 28);
  require_error(oss::parse_process_result(
                    R"({"bucket": "", "fileSize": -1, "object": "o", "status": "OK"})", id),
                errc::value_out_of_range, 27);
  require_error(oss::parse_process_result(
                    R"({"bucket": "", "fileSize": 1, "object": null, "status": "OK"})", id),
                errc::wrong_type, 40);
  require_error(oss::parse_process_result(
                    R"({"bucket": "", "fileSize": 1, "object": "o", "status": true})", id),
                errc::wrong_type, 55);
  require_error(
      oss::parse_process_result(
          R"({"bucket": "", "bucket": "", "fileSize": 1, "object": "o", "status": "OK"})", id),
      errc::duplicate_key, 15);
}

TEST_CASE("oss results: AsyncProcessObject", "[oss][results]") {
  const auto r = oss::parse_async_process_result(async_ok, "EC80A1B2C3D4E5F6A7B8****");
  REQUIRE(r.has_value());
  CHECK(r->event_id == "181-1kZUlN60OH4fWOcOjZEnGnG****");
  CHECK(r->process_request_id == "1D99637F-F59E-5B41-9200-C4892F52****");
  CHECK(r->task_id == "MediaConvert-e4a737df-69e9-4fca-8d9b-17c40ea4****");
  CHECK(r->request_id == "EC80A1B2C3D4E5F6A7B8****");
}

TEST_CASE("oss results: malformed AsyncProcessObject bodies", "[oss][results]") {
  require_error(oss::parse_async_process_result(async_ok.substr(0, 50), ""), errc::invalid_json,
                50);
  require_error(oss::parse_async_process_result(R"({"EventId":"e","RequestId":"r"})", ""),
                errc::missing_key, 0);
  require_error(oss::parse_async_process_result(R"({"EventId":"e","TaskId":"t"})", ""),
                errc::missing_key, 0);
  require_error(oss::parse_async_process_result(R"({"RequestId":"r","TaskId":"t"})", ""),
                errc::missing_key, 0);
  require_error(
      oss::parse_async_process_result(R"({"EventId":1,"RequestId":"r","TaskId":"t"})", ""),
      errc::wrong_type, 11);
  require_error(
      oss::parse_async_process_result(R"({"EventId":"e","RequestId":"r","TaskId":["t"]})", ""),
      errc::wrong_type, 40);
  require_error(oss::parse_async_process_result("null", ""), errc::wrong_type, 0);
  require_error(oss::parse_async_process_result("{\"EventId\":\"\xFF\"}", ""), errc::invalid_utf8,
                12);
}

TEST_CASE("oss results: error bodies", "[oss][results]") {
  const auto e = oss::parse_error(error_signature, 403);
  REQUIRE(e.has_value());
  CHECK(e->status == 403);
  CHECK(e->code == "SignatureDoesNotMatch");
  CHECK(e->message ==
        "The request signature we calculated does not match the signature you provided. Check "
        "your key and signing method.");
  CHECK(e->request_id == "5C3D9175B6FC201293AD****");
  CHECK(e->host_id == "examplebucket.oss-cn-hangzhou.aliyuncs.com");
  CHECK(e->ec == "0002-00000040");
  CHECK(e->server_time.empty());

  const auto s = oss::parse_error(error_skewed, 403);
  REQUIRE(s.has_value());
  CHECK(s->status == 403);
  CHECK(s->code == "RequestTimeTooSkewed");
  CHECK(s->message == "The difference between the request time and the current time is too large.");
  CHECK(s->request_id == "6A1B2C3D4E5F60718293****");
  CHECK(s->host_id == "examplebucket.oss-cn-hangzhou.aliyuncs.com");
  CHECK(s->ec == "0002-00000504");
  CHECK(s->server_time == "2026-11-21T08:20:00.000Z");

  const auto minimal = oss::parse_error("<Error><Code>AccessDenied</Code></Error>");
  REQUIRE(minimal.has_value());
  CHECK(*minimal == oss::service_error{0, "AccessDenied", "", "", "", "", ""});
  const auto escaped = oss::parse_error("<Error><Code>A</Code><Message>a &lt; b</Message></Error>");
  REQUIRE(escaped.has_value());
  CHECK(escaped->message == "a < b");
}

TEST_CASE("oss results: malformed error bodies", "[oss][results]") {
  require_error(oss::parse_error(error_signature.substr(0, 100)), errc::invalid_xml, 100);
  require_error(oss::parse_error(""), errc::invalid_xml, 0);
  require_error(oss::parse_error("{\"Error\":{}}"), errc::invalid_xml, 0);
  require_error(oss::parse_error("<Error><Code>x</Error>"), errc::invalid_xml, 14);
  require_error(oss::parse_error("<Error><Code>&bogus;</Code></Error>"), errc::invalid_xml, 13);
  require_error(oss::parse_error("<!DOCTYPE Error><Error><Code>x</Code></Error>"),
                errc::invalid_xml, 0);
  require_error(oss::parse_error("<Err><Code>x</Code></Err>"), errc::wrong_type, 0);
  require_error(oss::parse_error("<Error><Message>m</Message></Error>"), errc::missing_key, 0);
  require_error(oss::parse_error("<Error><Code>a</Code><Code>b</Code></Error>"),
                errc::duplicate_key, 21);
  require_error(oss::parse_error("<Error><Code><x/></Code></Error>"), errc::wrong_type, 13);
  require_error(oss::parse_error("<Error><Code>\xC3(</Code></Error>"), errc::invalid_utf8, 13);
}

TEST_CASE("oss results: the x-oss-err header of a HEAD response", "[oss][results]") {
  const auto e = oss::parse_error_header(head_error, 404);
  REQUIRE(e.has_value());
  CHECK(e->status == 404);
  CHECK(e->code == "NoSuchKey");
  CHECK(e->message == "The specified key does not exist.");
  CHECK(e->request_id == "5C3D8D2A0ACA54D87B43****");
  CHECK(e->host_id == "examplebucket.oss-cn-hangzhou.aliyuncs.com");
  CHECK(e->ec == "0026-00000001");
  CHECK(e->server_time.empty());

  const auto r = oss::parse_error_header(to_base64(error_skewed));
  REQUIRE(r.has_value());
  CHECK(*r == *oss::parse_error(error_skewed));

  require_error(oss::parse_error_header("PEVycm9y*"), errc::invalid_character, 8);
  require_error(oss::parse_error_header("PEVycm9"), errc::invalid_padding, 7);
  require_error(oss::parse_error_header(""), errc::invalid_xml, 0);
  // <Code>x</Code>: well-formed, but not an <Error>.
  require_error(oss::parse_error_header("PENvZGU+eDwvQ29kZT4="), errc::wrong_type, 0);
  // <Error><Code>x</Code></Err>: the offset points into the decoded XML.
  require_error(oss::parse_error_header("PEVycm9yPjxDb2RlPng8L0NvZGU+PC9FcnI+"), errc::invalid_xml,
                21);
}
