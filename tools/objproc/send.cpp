// SPDX-License-Identifier: MIT
// tools/objproc/send.cpp - see send.hpp.
#include "send.hpp"

#include <cstdio>
#include <string>
#include <string_view>

#include <objproc/cos/results.hpp>
#include <objproc/oss/results.hpp>

#ifdef OBJPROC_CLI_HAS_CURL
#  include <objproc/adapters/curl.hpp>
#endif

#include "args.hpp"

namespace objproc_cli {

namespace {

void line(std::string_view label, std::string_view value) {
  std::printf("%.*s: %.*s\n", static_cast<int>(label.size()), label.data(),
              static_cast<int>(value.size()), value.data());
}

int unreadable(const objproc::http::response& r, const objproc::error& e) {
  std::fprintf(stderr, "objproc: status %d, and the response body could not be read: %s\n",
               r.status, objproc::to_string(e).c_str());
  return exit_failed;
}

void print_cos_image(const char* indent, const objproc::cos::image_info& i) {
  std::printf("%simage: format %s, %ux%u, quality %u, ave %s, orientation %u\n", indent,
              i.format.c_str(), i.width, i.height, i.quality, i.ave.c_str(), i.orientation);
}

int report_oss(const objproc::http::response& r, op_kind kind) {
  const std::string request_id(objproc::http::request_id(r).value_or(""));
  if (r.status < 200 || r.status > 299) {
    auto e = objproc::oss::parse_error(r.body, r.status);
    if (!e) return unreadable(r, e.error());
    std::fprintf(stderr,
                 "objproc: the service returned an error\n  status code: %d\n  code: %s\n"
                 "  message: %s\n  request id: %s\n  ec: %s\n",
                 r.status, e->code.c_str(), e->message.c_str(), e->request_id.c_str(),
                 e->ec.c_str());
    return exit_failed;
  }
  line("status code", std::to_string(r.status));
  line("request id", request_id);
  if (kind == op_kind::process_object) {
    auto p = objproc::oss::parse_process_result(r.body, request_id);
    if (!p) return unreadable(r, p.error());
    line("bucket", p->bucket);
    line("file size", std::to_string(p->file_size));
    line("key", p->object);
    line("process status", p->status);
  } else {
    auto a = objproc::oss::parse_async_process_result(r.body, request_id);
    if (!a) return unreadable(r, a.error());
    line("event id", a->event_id);
    line("task id", a->task_id);
    line("process request id", a->process_request_id);
  }
  return exit_ok;
}

int report_cos(const objproc::http::response& r) {
  const std::string request_id(objproc::http::request_id(r).value_or(""));
  if (r.status < 200 || r.status > 299) {
    auto e = objproc::cos::parse_error(r.body);
    if (!e) return unreadable(r, e.error());
    std::fprintf(stderr,
                 "objproc: the service returned an error\n  status code: %d\n  code: %s\n"
                 "  message: %s\n  request id: %s\n",
                 r.status, e->code.c_str(), e->message.c_str(), e->request_id.c_str());
    return exit_failed;
  }
  line("status code", std::to_string(r.status));
  line("request id", request_id);
  auto u = objproc::cos::parse_upload_result(r.body);
  if (!u) return unreadable(r, u.error());
  std::printf("UploadResult\n  original: %s\n    location: %s\n    etag: %s\n",
              u->original.key.c_str(), u->original.location.c_str(), u->original.etag.c_str());
  if (u->original.image_info) print_cos_image("    ", *u->original.image_info);
  for (const auto& o : u->objects)
    std::printf(
        "  processed: %s\n    location: %s\n    format %s, %ux%u, %llu bytes, quality %u\n"
        "    etag: %s\n",
        o.key.c_str(), o.location.c_str(), o.format.c_str(), o.width, o.height,
        static_cast<unsigned long long>(o.size), o.quality, o.etag.c_str());
  return exit_ok;
}

}  // namespace

int report_response(const objproc::http::response& response, provider vendor, op_kind kind) {
  return vendor == provider::oss ? report_oss(response, kind) : report_cos(response);
}

int send_and_report(const objproc::http::request& request, op_kind kind) {
  const provider vendor = kind == op_kind::ci_put_object || kind == op_kind::ci_image_process
                              ? provider::cos
                              : provider::oss;
#ifdef OBJPROC_CLI_HAS_CURL
  objproc::curl::transport transport(objproc::curl::options{});
  auto response = transport.send(request);
  if (!response) {
    std::fprintf(stderr, "objproc: sending failed: %s\n",
                 objproc::to_string(response.error()).c_str());
    return exit_failed;
  }
  return report_response(*response, vendor, kind);
#else
  (void)request;
  (void)vendor;
  return report_no_transport();
#endif
}

int report_no_transport() {
  std::fprintf(stderr,
               "objproc: --send is not available: built without libcurl (install the libcurl "
               "development package and reconfigure; --dry-run still works)\n");
  return exit_usage;
}

}  // namespace objproc_cli
