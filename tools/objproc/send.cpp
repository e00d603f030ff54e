// SPDX-License-Identifier: MIT
// tools/objproc/send.cpp - see send.hpp.
#include "send.hpp"

#include <cstdio>
#include <string>
#include <string_view>

#include <objproc/client.hpp>
#include <objproc/cos/results.hpp>
#include <objproc/oss/results.hpp>

#ifdef OBJPROC_CLI_HAS_CURL
#  include <objproc/adapters/curl.hpp>
#endif

#include "args.hpp"
#include "diagnose.hpp"
#include "json_writer.hpp"
#include "jsonl.hpp"
#include "output.hpp"

namespace objproc_cli {

namespace {

namespace oss = objproc::oss;
namespace ci = objproc::cos;

// Text from the network, escaped for the terminal.
void line(std::string_view label, std::string_view value) {
  std::printf("%.*s: %s\n", static_cast<int>(label.size()), label.data(), printable(value).c_str());
}

// The results' fields, as text lines or as members of a JSON object.
void print_result(const oss::process_result& p) {
  line("bucket", p.bucket);
  line("file size", std::to_string(p.file_size));
  line("key", p.object);
  line("process status", p.status);
}
void json_result(json_writer& w, const oss::process_result& p) {
  w.key("bucket").string(p.bucket).key("file_size").number(p.file_size);
  w.key("key").string(p.object).key("process_status").string(p.status);
}
void print_result(const oss::async_process_result& a) {
  line("event id", a.event_id);
  line("task id", a.task_id);
  line("process request id", a.process_request_id);
}
void json_result(json_writer& w, const oss::async_process_result& a) {
  w.key("event_id").string(a.event_id).key("task_id").string(a.task_id);
  w.key("process_request_id").string(a.process_request_id);
}
void print_result(const ci::upload_result& u) {
  std::printf("UploadResult\n  original: %s\n    location: %s\n    etag: %s\n",
              printable(u.original.key).c_str(), printable(u.original.location).c_str(),
              printable(u.original.etag).c_str());
  if (const auto& i = u.original.image_info)
    std::printf("    image: format %s, %ux%u, quality %u, ave %s, orientation %u\n",
                printable(i->format).c_str(), i->width, i->height, i->quality,
                printable(i->ave).c_str(), i->orientation);
  for (const auto& o : u.objects)
    std::printf(
        "  processed: %s\n    location: %s\n    format %s, %ux%u, %llu bytes, quality %u\n"
        "    etag: %s\n",
        printable(o.key).c_str(), printable(o.location).c_str(), printable(o.format).c_str(),
        o.width, o.height, static_cast<unsigned long long>(o.size), o.quality,
        printable(o.etag).c_str());
}
void json_result(json_writer& w, const ci::upload_result& u) {
  w.key("original").begin_object().key("key").string(u.original.key);
  w.key("location").string(u.original.location).key("etag").string(u.original.etag);
  w.end_object().key("processed").begin_array();
  for (const auto& o : u.objects) {
    w.begin_object().key("key").string(o.key).key("location").string(o.location);
    w.key("format").string(o.format).key("width").number(o.width).key("height").number(o.height);
    w.key("size").number(o.size).key("quality").number(o.quality).key("etag").string(o.etag);
    w.end_object();
  }
  w.end_array();
}

// The service's error, in the vendor's terms.
struct service_text {
  std::string_view code, message, request_id, ec;
};
service_text text_of(const oss::service_error& e) {
  return {e.code, e.message, e.request_id, e.ec};
}
service_text text_of(const ci::service_error& e) { return {e.code, e.message, e.request_id, {}}; }

std::string attempts_text(int attempts) {
  return std::to_string(attempts) + (attempts == 1 ? " attempt" : " attempts");
}

template <class Outcome>
int report(const Outcome& done, bool json) {
  if (json) {
    json_writer w;
    w.begin_object().key("id").null().key("ok").boolean(done.has_value());
    w.key("status").number(static_cast<std::uint64_t>(done.status() < 0 ? 0 : done.status()));
    w.key("request_id").string(done.request_id());
    w.key("attempts").number(static_cast<std::uint64_t>(done.attempts()));
    if (done) {
      w.key("result").begin_object();
      json_result(w, done.value());
      w.end_object();
    } else {
      const objproc::error e = done.as_error();
      w.key("error").begin_object().key("code").string(objproc::name(e.code)).key("field");
      if (e.field.empty())  // a transport or service failure belongs to no input
        w.null();
      else
        w.string(e.field);
      if (const auto* s = done.service_error()) {
        const service_text t = text_of(*s);
        w.key("message").string(t.message).key("offset").null();
        w.key("service_code").string(t.code);
      } else {
        w.key("message").string(message_of(e)).key("offset").null();
      }
      w.end_object();
    }
    w.end_object();
    std::string out = w.str();
    out += '\n';
    (void)write_all(stdout, out);
    return done ? exit_ok : exit_failed;
  }
  if (done) {
    line("status code", std::to_string(done.status()));
    line("request id", done.request_id());
    print_result(done.value());
    return exit_ok;
  }
  if (const auto* s = done.service_error()) {
    const service_text t = text_of(*s);
    std::fprintf(stderr,
                 "objproc: the service returned an error\n  status code: %d\n  code: %s\n"
                 "  message: %s\n  request id: %s\n",
                 done.status(), printable(t.code).c_str(), printable(t.message).c_str(),
                 printable(t.request_id.empty() ? done.request_id() : t.request_id).c_str());
    if (!t.ec.empty()) std::fprintf(stderr, "  ec: %s\n", printable(t.ec).c_str());
    std::fprintf(stderr, "  attempts: %d\n", done.attempts());
    return exit_failed;
  }
  const objproc::error e = done.as_error();
  if (done.status() >= 200 && done.status() < 300)
    std::fprintf(stderr, "objproc: status %d, and the response body could not be read: %s\n",
                 done.status(), printable(objproc::to_string(e)).c_str());
  else
    std::fprintf(stderr, "objproc: sending failed after %s: %s\n",
                 attempts_text(done.attempts()).c_str(), printable(objproc::to_string(e)).c_str());
  return exit_failed;
}

#ifdef OBJPROC_CLI_HAS_CURL
// The clock the client signs with: the system clock shifted so that the first attempt is
// signed at the operation's time (--time, "time"), as the dry run is.
struct shifted_clock {
  std::chrono::system_clock::duration shift{};
  [[nodiscard]] std::chrono::system_clock::time_point now() const {
    return std::chrono::system_clock::now() + shift;
  }
};

class client_sender final : public operation_sender {
 public:
  client_sender(const operation_input& in, const send_settings& s) : in_(in), settings_(s) {}

  void send(const oss::process_object& op, const oss::endpoint& where) override { run(op, where); }
  void send(const oss::async_process_object& op, const oss::endpoint& where) override {
    run(op, where);
  }
  void send(const ci::ci_put_object& op, const ci::endpoint& where) override { run(op, where); }
  void send(const ci::ci_image_process& op, const ci::endpoint& where) override { run(op, where); }

  int code = exit_failed;

 private:
  template <class Op, class Endpoint>
  void run(const Op& op, const Endpoint& where) {
    objproc::curl::options transport_options;
    transport_options.timeout = settings_.timeout;
    transport_options.connect_timeout = settings_.connect_timeout;
    objproc::client_options options;
    options.retry.max_attempts = settings_.retries + 1;
    options.retry.retry_async_after_send = settings_.retry_async_after_send;
    options.oss_signature = in_.signature;
    options.cos_signature_lifetime = in_.expires;
    const shifted_clock clock{in_.time - std::chrono::system_clock::now()};
    objproc::client client(objproc::curl::transport(transport_options), objproc::crypto::portable{},
                           objproc::static_credentials(in_.credentials), options, clock);
    auto done = client.send(op, where);
    if (const auto offset = client.clock_offset(); offset.count() != 0)
      std::fprintf(stderr,
                   "objproc: the service's clock differs from this one by %lld s: the request "
                   "was signed again at the service's time (check the system clock)\n",
                   static_cast<long long>(offset.count()));
    code = report(done, settings_.json);
  }

  const operation_input& in_;
  const send_settings& settings_;
};
#endif

}  // namespace

int send_operation(const operation_input& in, const send_settings& settings) {
#ifdef OBJPROC_CLI_HAS_CURL
  client_sender sender(in, settings);
  const build_result built = build(in, &sender);
  if (!built.ok) {
    if (settings.json) {
      std::string out = json_failure_line(built.failure);
      out += '\n';
      (void)write_all(stdout, out);
      return exit_failed;
    }
    return report_failure(built.failure);
  }
  return sender.code;
#else
  (void)in;
  (void)settings;
  return report_no_transport();
#endif
}

int report_no_transport() {
  std::fprintf(stderr,
               "objproc: --send is not available: built without libcurl (install the libcurl "
               "development package and reconfigure; the dry run still works)\n");
  return exit_usage;
}

}  // namespace objproc_cli
