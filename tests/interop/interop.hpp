// SPDX-License-Identifier: MIT
// tests/interop/interop.hpp - what the interop tests share: the loopback server's credentials,
// its address and its control protocol (tests/interop/server.py).
//
// CMake reads the string constants below and passes them to server.py, so the server and the
// tests cannot disagree: keep each on one line, as `inline constexpr std::string_view name =
// "value";`. They are test values, not secrets.
#ifndef OBJPROC_TESTS_INTEROP_INTEROP_HPP
#define OBJPROC_TESTS_INTEROP_INTEROP_HPP

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "objproc/adapters/curl.hpp"
#include "objproc/core/json.hpp"
#include "objproc/cos/credentials.hpp"
#include "objproc/cos/endpoint.hpp"
#include "objproc/oss/credentials.hpp"
#include "objproc/oss/endpoint.hpp"

namespace interop {

inline constexpr std::string_view oss_access_key_id = "LTAI5tInteropTestAK";
inline constexpr std::string_view oss_access_key_secret = "InteropOssSecretKey123";
inline constexpr std::string_view cos_secret_id = "AKIDInteropTestSecretId";
inline constexpr std::string_view cos_secret_key = "InteropCosSecretKey456";
inline constexpr std::string_view region = "cn-hangzhou";

inline constexpr std::string_view oss_bucket = "examplebucket";
inline constexpr std::string_view cos_bucket = "examplebucket-1250000000";

inline objproc::oss::credentials oss_credentials() {
  return {.access_key_id = oss_access_key_id, .access_key_secret = oss_access_key_secret};
}
inline objproc::cos::credentials cos_credentials() {
  return {.secret_id = cos_secret_id, .secret_key = cos_secret_key, .session_token = {}};
}

/// Now, to the second (what the signers take).
inline std::chrono::sys_seconds now() {
  return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
}

/// The server's port, read from the file named by $OBJPROC_TEST_SERVER_PORT_FILE; 0 when unset.
inline unsigned port() {
  static const unsigned cached = [] {
    const char* file = std::getenv("OBJPROC_TEST_SERVER_PORT_FILE");
    unsigned p = 0;
    if (file != nullptr) {
      std::ifstream in(file);
      in >> p;
    }
    return p;
  }();
  return cached;
}

/// "127.0.0.1:<port>".
inline std::string host() { return "127.0.0.1:" + std::to_string(port()); }

/// The OSS endpoint: http, path style (an IP host), region cn-hangzhou for V4.
inline objproc::oss::endpoint oss_endpoint() {
  return objproc::oss::endpoint::custom("http://" + host()).value().with_region(region).value();
}

/// The COS endpoint: http, path style (an IP host).
inline objproc::cos::endpoint cos_endpoint() {
  return objproc::cos::endpoint::custom("http://" + host()).value();
}

/// A control request: POST /__control, POST /__reset or GET /__stats.
inline objproc::http::request control_request(objproc::http::method m, std::string_view path,
                                              std::string body = {}) {
  auto r = objproc::http::request::make(m, {"http", host(), std::string(path)}).value();
  if (!body.empty()) {
    (void)r.set_header("Content-Type", "application/json");
    r.set_body(std::move(body));
  }
  return r;
}

/// Queues faults for the next requests, one each, in order: {"status:503", "reset"}; "skew:N"
/// sets the server clock to real time + N seconds at once. True when the server accepted them.
inline bool inject(std::initializer_list<std::string_view> faults) {
  std::string body = R"({"faults": [)";
  const char* sep = "";
  for (const std::string_view f : faults) {
    body += sep;
    body += '"';
    body += f;  // fault names have no characters JSON would escape
    body += '"';
    sep = ", ";
  }
  body += "]}";
  objproc::curl::transport control;
  const auto r = control.send(control_request(objproc::http::method::post, "/__control", body));
  return r && r->status == 200;
}

/// Clears faults, clock skew and the request log. True when the server answered.
inline bool reset_server() {
  objproc::curl::transport control;
  const auto r = control.send(control_request(objproc::http::method::post, "/__reset", "{}"));
  return r && r->status == 200;
}

/// One request as the server saw it (GET /__stats).
struct seen_request {
  std::string method;
  std::string path;    // as received, encoded
  std::string query;   // as received, encoded
  std::string key;     // the object key, decoded by the server
  std::string scheme;  // "oss-v4-header", "oss-v1-query", "cos-header", ...
  bool verified = false;
  int status = 0;
  std::string error;           // the error code replied, if any
  std::string fault;           // the fault applied, if any
  std::int64_t peer_port = 0;  // the client's port: equal ports, one kept-alive connection
  std::int64_t body_size = 0;  // bytes of body received
  std::string request_id;      // the id the reply carried (x-oss-request-id / x-cos-request-id)
  std::vector<std::pair<std::string, std::string>> headers;  // as received, in order
};

/// Every non-control request since the last reset_server(), oldest first.
inline std::vector<seen_request> stats() {
  std::vector<seen_request> out;
  objproc::curl::transport control;
  const auto r = control.send(control_request(objproc::http::method::get, "/__stats"));
  if (!r || r->status != 200) return out;
  const auto doc = objproc::json::parse(r->body);
  if (!doc || !doc->is_object()) return out;
  const auto* requests = doc->find("requests");
  if (requests == nullptr || !requests->is_array()) return out;
  const auto text = [](const objproc::json::value& o, std::string_view name) {
    const auto* v = o.find(name);
    return v != nullptr && v->is_string() ? std::string(v->as_string()) : std::string();
  };
  const auto number = [](const objproc::json::value& o, std::string_view name) -> std::int64_t {
    const auto* v = o.find(name);
    if (v == nullptr || !v->is_number()) return 0;
    const auto n = v->as_int64();
    return n ? *n : 0;
  };
  for (const auto& item : requests->items()) {
    seen_request s;
    s.method = text(item, "method");
    s.path = text(item, "path");
    s.query = text(item, "query");
    s.key = text(item, "key");
    s.scheme = text(item, "scheme");
    const auto* verified = item.find("verified");
    s.verified = verified != nullptr && verified->as_bool();
    s.status = static_cast<int>(number(item, "status"));
    s.error = text(item, "error");
    s.fault = text(item, "fault");
    s.peer_port = number(item, "peer_port");
    s.body_size = number(item, "body_size");
    s.request_id = text(item, "request_id");
    if (const auto* headers = item.find("headers"); headers != nullptr && headers->is_array()) {
      for (const auto& h : headers->items()) {
        if (!h.is_array() || h.items().size() != 2) continue;
        s.headers.emplace_back(std::string(h.items()[0].as_string()),
                               std::string(h.items()[1].as_string()));
      }
    }
    out.push_back(std::move(s));
  }
  return out;
}

/// The last request the server saw (an empty record when there is none).
inline seen_request last_seen() {
  auto all = stats();
  return all.empty() ? seen_request{} : all.back();
}

/// The request the server replied to with `request_id` (an empty record when there is none):
/// exact where a late request of an earlier test could come last.
inline seen_request seen_with_id(std::string_view request_id) {
  for (auto& s : stats())
    if (s.request_id == request_id) return s;
  return seen_request{};
}

}  // namespace interop

#endif  // OBJPROC_TESTS_INTEROP_INTEROP_HPP
