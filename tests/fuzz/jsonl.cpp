// SPDX-License-Identifier: MIT
// libFuzzer target for the command-line tool's `sign --jsonl` line handler
// (tools/objproc/jsonl.hpp: sign_json_line), which reads lines from other programs and the
// network and writes lines to terminals and pipes. Properties: it never crashes (ASan/UBSan);
// each output is one line of strict JSON (objproc's own reader accepts it) with no control
// character, an object with "id" and a boolean "ok"; a failure has an "error" object with a
// string "code" and "message" and an "offset" that is null or inside the line; a success has a
// visible-ASCII "url" and headers without CR, LF or NUL; the line's secret never shows in the
// output (told apart from text the signer writes anyway by signing again with another secret).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "jsonl.hpp"
#include "objproc/core/json.hpp"

namespace {

namespace json = objproc::json;

[[noreturn]] void fail(int line = __builtin_LINE()) {
  std::fprintf(stderr, "jsonl.cpp:%d: property violated\n", line);
  std::abort();
}

bool visible_ascii(std::string_view s) {
  for (const char c : s)
    if (c <= ' ' || c > '~') return false;
  return true;
}

bool has_line_break_or_nul(std::string_view s) {
  return s.find_first_of(std::string_view("\r\n\0", 3)) != std::string_view::npos;
}

void check_output(std::string_view line, const std::string& out) {
  // One line, and nothing a terminal would act on: no C0 control, DEL or C1 control (U+0080 -
  // U+009F, UTF-8 C2 80 - C2 9F), all of them escaped.
  for (std::size_t i = 0; i < out.size(); ++i) {
    const auto u = static_cast<unsigned char>(out[i]);
    if (u < 0x20 || u == 0x7F) fail();
    if (u == 0xC2 && i + 1 < out.size() && static_cast<unsigned char>(out[i + 1]) < 0xA0) fail();
  }
  const auto doc = json::parse(out);
  if (!doc || !doc->is_object()) fail();
  const json::value* ok = doc->find("ok");
  if (ok == nullptr || !ok->is_bool() || doc->find("id") == nullptr) fail();
  if (!ok->as_bool()) {
    const json::value* e = doc->find("error");
    if (e == nullptr || !e->is_object()) fail();
    const json::value* code = e->find("code");
    const json::value* message = e->find("message");
    if (code == nullptr || !code->is_string() || code->as_string().empty()) fail();
    if (message == nullptr || !message->is_string()) fail();
    if (const json::value* offset = e->find("offset"); offset != nullptr && !offset->is_null()) {
      const auto at = offset->as_int64();
      if (!at || *at < 0 || static_cast<std::uint64_t>(*at) > line.size()) fail();
    }
    return;
  }
  const json::value* url = doc->find("url");
  if (url == nullptr || !url->is_string() || !visible_ascii(url->as_string())) fail();
  if (const json::value* headers = doc->find("headers")) {
    if (!headers->is_array()) fail();
    for (const json::value& h : headers->items()) {
      if (!h.is_array() || h.items().size() != 2) fail();
      for (const json::value& part : h.items())
        if (!part.is_string() || has_line_break_or_nul(part.as_string())) fail();
    }
  }
}

std::size_t count(std::string_view text, std::string_view part) {
  std::size_t n = 0;
  for (std::size_t at = text.find(part); at != std::string_view::npos; at = text.find(part, at + 1))
    ++n;
  return n;
}

// The line's credentials.access_key_secret, when it is a plain string written once.
std::string_view written_secret(std::string_view line) {
  const auto doc = json::parse(line);
  if (!doc || !doc->is_object()) return {};
  const json::value* creds = doc->find("credentials");
  if (creds == nullptr || !creds->is_object()) return {};
  const json::value* secret = creds->find("access_key_secret");
  if (secret == nullptr || !secret->is_string() || secret->has_escapes()) return {};
  const std::string_view s = secret->as_string();
  if (s.size() < 6) return {};
  const std::size_t at = line.find(s);
  if (at == std::string_view::npos || line.find(s, at + 1) != std::string_view::npos) return {};
  return line.substr(at, s.size());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view line(reinterpret_cast<const char*>(data), size);
  const std::string out = objproc_cli::sign_json_line(line);
  check_output(line, out);

  // A secret found in the output may be text the signer writes anyway (a date, a scope part):
  // it is a leak when, signed with another secret of the same length, the output shows that.
  const std::string_view secret = written_secret(line);
  if (secret.empty() || out.find(secret) == std::string::npos) return 0;
  const std::string other(secret.size(), secret[0] == 'Q' ? 'W' : 'Q');
  if (line.find(other) != std::string_view::npos) return 0;
  std::string changed(line);
  changed.replace(static_cast<std::size_t>(secret.data() - line.data()), secret.size(), other);
  const std::string again = objproc_cli::sign_json_line(changed);
  check_output(changed, again);
  // More copies of the other secret than the output had of it before: it was written out (the
  // output may hold it anyway, e.g. in an id written with escapes that decode to it).
  if (count(again, other) > count(out, other)) fail();
  return 0;
}
