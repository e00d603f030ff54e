// SPDX-License-Identifier: MIT
// The header under test comes first: it must compile on its own.
#include "objproc/http/redaction.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <string_view>

namespace {

namespace http = objproc::http;
using http::detail::redact_authorization;
using http::detail::redacted_header_value;

// A made-up vendor: the contract is the same for every vendor.
constexpr std::string_view vendor_headers[] = {"X-Acme-Token"};
constexpr std::string_view vendor_query_keys[] = {"acme-sig"};
constexpr http::signature_marker vendor_signatures[] = {
    {"ACME1 ", ":", '\0'},  // "ACME1 <id>:<signature>"
    {"", "Sig=", ','},      // "ACME2 Id=<id>,Sig=<sig>,Scope=<scope>"
    {"ACME3", "", ';'},     // an empty marker never matches
};
constexpr http::redaction_rules acme = {vendor_headers, vendor_query_keys, vendor_signatures};

}  // namespace

TEST_CASE("redaction rules: a vendor's declaration", "[http][redaction]") {
  STATIC_REQUIRE(http::detail::is_secret_header("x-acme-token", &acme));
  STATIC_REQUIRE_FALSE(http::detail::is_secret_header("x-acme-date", &acme));
  // With a declaration, only what it names: a secret-looking name it leaves out shows.
  STATIC_REQUIRE_FALSE(http::detail::is_secret_header("x-other-token", &acme));
  STATIC_REQUIRE(http::detail::is_secret_query_key("ACME-SIG", &acme));
  STATIC_REQUIRE_FALSE(http::detail::is_secret_query_key("acme-signature-version", &acme));

  CHECK(redact_authorization("ACME1 AK:c2lnbmF0dXJl", &acme) == "ACME1 AK:<redacted>");
  CHECK(redact_authorization("acme1 AK:x:y", &acme) == "acme1 AK:<redacted>");  // to the end
  CHECK(redact_authorization("ACME2 Id=AK,Sig=abc,Scope=s", &acme) ==
        "ACME2 Id=AK,Sig=<redacted>,Scope=s");
  CHECK(redact_authorization("ACME2 Sig=a,Sig=b", &acme) == "ACME2 Sig=<redacted>,Sig=<redacted>");
  CHECK(redact_authorization("ACME2 Id=AK,Sig=abc", &acme) == "ACME2 Id=AK,Sig=<redacted>");
  // The scheme prefix holds the first marker back: "ACME2 a:b" is not an ACME1 value.
  CHECK(redact_authorization("ACME2 a:b", &acme) == "ACME2 <redacted>");
  // No marker: the first word only, or nothing for a single word.
  CHECK(redact_authorization("ACME3 secret;x", &acme) == "ACME3 <redacted>");
  CHECK(redact_authorization("opaque-secret", &acme) == "<redacted>");

  CHECK(redacted_header_value("Authorization", "ACME1 AK:s", &acme) == "ACME1 AK:<redacted>");
  CHECK(redacted_header_value("x-acme-token", "t0k", &acme) == "<redacted>");
  CHECK(redacted_header_value("Content-Type", "image/png", &acme) == "image/png");
}

TEST_CASE("redaction rules: no declaration, the conservative rule", "[http][redaction]") {
  for (const std::string_view name :
       {"x-vendor-security-token", "X-Signature", "client_secret", "X-Amz-Credential", "password",
        "Proxy-Authorization", "sig", "Sign"}) {
    INFO(name);
    CHECK(http::detail::is_secret_header(name, nullptr));
    CHECK(http::detail::is_secret_query_key(name, nullptr));
  }
  for (const std::string_view name : {"process", "x-vendor-date", "signed", "design", "tok"}) {
    INFO(name);
    CHECK_FALSE(http::detail::is_secret_header(name, nullptr));
    CHECK_FALSE(http::detail::is_secret_query_key(name, nullptr));
  }
  // Authorization keeps its first word whatever follows, markers included.
  CHECK(redact_authorization("ACME1 AK:sig", nullptr) == "ACME1 <redacted>");
  CHECK(redact_authorization("Bearer abc", nullptr) == "Bearer <redacted>");
  CHECK(redact_authorization("k=v&signature=abc", nullptr) == "<redacted>");
  CHECK(redacted_header_value("authorization", "Basic dXNlcjpwYXNz", nullptr) ==
        "Basic <redacted>");
  CHECK(redacted_header_value("x-session-token", "t0k", nullptr) == "<redacted>");
  CHECK(redacted_header_value("Date", "Thu, 17 Apr 2025 00:00:00 GMT", nullptr) ==
        "Thu, 17 Apr 2025 00:00:00 GMT");
}
