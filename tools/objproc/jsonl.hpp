// SPDX-License-Identifier: MIT
// tools/objproc/jsonl.hpp - `objproc sign --jsonl`: one JSON operation per input line, one JSON
// result per output line, in order; a bad line gives an error line and the stream goes on.
//
//   in:  {"id":1,"provider":"oss","op":"process_object","region":"cn-hangzhou",
//         "bucket":"examplebucket","key":"exampledir/example.jpg",
//         "style":"image/resize,m_fixed,w_100,h_100",
//         "save_as":{"bucket":"targetbucket","key":"exampledir/resized.jpg"}}
//   out: {"id":1,"ok":true,"method":"POST","url":"https://...","headers":[["Content-Type",
//         "application/x-www-form-urlencoded"],...],"body_base64":"..."}
//   or:  {"id":1,"ok":false,"error":{"code":"value_out_of_range","field":"style",
//         "message":"style: ...","offset":42}}
//
// "field" is the member the error belongs to, as a path ("key", "save_as.key",
// "credentials.access_key_secret", "pic_operations.rules[1].rule"), taken from the library's
// error where it names one; null for the line itself (not JSON, not an object). Offsets are byte
// offsets into the input line when the error can be placed there (the JSON itself, a field, a
// position inside a string written without escapes), else null.
#ifndef OBJPROC_TOOLS_JSONL_HPP
#define OBJPROC_TOOLS_JSONL_HPP

#include <cstddef>
#include <cstdio>
#include <string>
#include <string_view>

#include "operation.hpp"

namespace objproc_cli {

/// Longest accepted input line, newline excluded.
inline constexpr std::size_t max_jsonl_line = std::size_t{1} << 20;

/// The output line (without its newline) for one input line. Never fails.
[[nodiscard]] std::string sign_json_line(std::string_view line);

/// A command's signed request or URL (--json), as a success line with "id": null.
[[nodiscard]] std::string json_success_line(const build_output& out);
/// A command's failed build (--json), as an error line with "id": null and "offset": null.
[[nodiscard]] std::string json_failure_line(const build_failure& f);

/// Reads `in` to its end and writes one line per non-blank input line to `out`, each as soon
/// as its input line has been read (a coprocess writing one line and waiting for the answer
/// gets it), flushing each. Returns exit_ok, exit_failed when reading fails, or
/// exit_write_failed (output.hpp) when writing fails, with a message on stderr.
int run_jsonl(std::FILE* in, std::FILE* out);

}  // namespace objproc_cli

#endif  // OBJPROC_TOOLS_JSONL_HPP
