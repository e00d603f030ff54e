// SPDX-License-Identifier: MIT
// libFuzzer target for the XML reader (core/xml.hpp) and the response parsers built on it
// (oss/results.hpp, cos/results.hpp). Properties: parsing never crashes (ASan/UBSan watch);
// every error has a code and an offset inside the input; an accepted document parses to the
// same tree every time, and its typed readers agree with the tree (an accepted OSS error has
// the <Code> of the tree, an accepted UploadResult holds at most five objects); an error body
// base64-encoded as an x-oss-err header reads exactly as the body does.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "objproc/core/text.hpp"
#include "objproc/core/xml.hpp"
#include "objproc/cos/results.hpp"
#include "objproc/oss/results.hpp"

namespace {

template <class R>
void check_error(const R& r, std::size_t size) {
  if (r) return;
  const objproc::error e = r.error();
  if (e.code == objproc::errc::none) std::abort();
  if (e.has_offset() && e.offset > size) std::abort();  // offsets point into the input
  if (e.detail.empty()) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace xml = objproc::xml;
  const std::string_view text(reinterpret_cast<const char*>(data), size);

  const auto tree = xml::parse(text);
  check_error(tree, size);
  const auto shallow = xml::parse(text, xml::parse_options{2});
  check_error(shallow, size);
  if (shallow && !tree) std::abort();  // a lower depth limit never accepts more
  if (tree) {
    const auto again = xml::parse(text);
    if (!again || !(*again == *tree)) std::abort();
    if (tree->offset() >= size || tree->content_offset() > size) std::abort();
  }

  const auto oss_error = objproc::oss::parse_error(text, 400);
  check_error(oss_error, size);
  if (oss_error) {
    if (!tree || tree->name() != "Error" || oss_error->status != 400) std::abort();
    const xml::element* code = tree->child("Code");
    if (code == nullptr || code->text() != oss_error->code) std::abort();
  }

  const auto cos_error = objproc::cos::parse_error(text);
  check_error(cos_error, size);
  if (cos_error) {
    if (!tree || tree->name() != "Error") std::abort();
    const xml::element* code = tree->child("Code");
    if (code == nullptr || code->text() != cos_error->code) std::abort();
  }

  const auto upload = objproc::cos::parse_upload_result(text);
  check_error(upload, size);
  if (upload) {
    if (!tree || tree->name() != "UploadResult") std::abort();
    if (upload->objects.size() > objproc::cos::max_upload_results) std::abort();
  }

  // The same bytes as a base64 x-oss-err header: decoding errors point into the header.
  // (The decoded XML is shorter than the header, so XML offsets are inside it too.)
  const auto header = objproc::oss::parse_error_header(text);
  check_error(header, size);
  // The body sent base64-encoded in x-oss-err reads exactly as the body itself.
  const auto encoded = objproc::oss::parse_error_header(objproc::to_base64(text), 400);
  if (encoded.has_value() != oss_error.has_value()) std::abort();
  if (encoded && !(*encoded == *oss_error)) std::abort();
  if (!encoded && (encoded.error().code != oss_error.error().code ||
                   encoded.error().offset != oss_error.error().offset))
    std::abort();
  return 0;
}
