// SPDX-License-Identifier: MIT
// objproc/cos/results.hpp - typed results of COS/CI image processing and COS error responses.
//
//   parse_upload_result(body)   the <UploadResult> XML of ci_put_object (upload with
//                               Pic-Operations) and ci_image_process (process in the cloud)
//   parse_error(body)           the <Error> XML body of a failed call
//
// XML goes through the strict reader of core/xml.hpp (entities such as &quot; in ETag are
// decoded); its errors, with byte offsets into the body, pass through unchanged. A body of the
// wrong shape is errc::wrong_type, a required element that is absent errc::missing_key (offset:
// the enclosing element), a repeated one errc::duplicate_key, an integer that is not one
// errc::invalid_number or errc::value_out_of_range (offset: the element's content), more than
// max_pic_rules processed objects errc::too_many_rules. Elements not listed here (WatermarkStatus,
// QRcodeInfo, ...) are ignored.
#ifndef OBJPROC_COS_RESULTS_HPP
#define OBJPROC_COS_RESULTS_HPP

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "objproc/config.hpp"
#include "objproc/core/result.hpp"
#include "objproc/core/xml.hpp"

OBJPROC_NAMESPACE_BEGIN

namespace cos {

/// How many <Object> results one UploadResult may carry: one per rule, at most 5 rules.
inline constexpr std::size_t max_upload_results = 5;

/// OriginalInfo/ImageInfo (present when the request asked for is_pic_info 1).
struct image_info {
  std::string format = {};  // "JPEG"
  std::uint32_t width = 0;
  std::uint32_t height = 0;
  std::uint32_t quality = 0;
  std::string ave = {};  // average colour, "0x1a3451"
  std::uint32_t orientation = 0;

  friend bool operator==(const image_info&, const image_info&) = default;
};

/// OriginalInfo: the uploaded (or processed-in-place) source object.
struct original_info {
  std::string key = {};
  std::string location = {};  // host/key, no scheme
  std::string etag = {};      // as sent, quotes included: "\"aff1...\""
  std::optional<cos::image_info> image_info = {};

  friend bool operator==(const original_info&, const original_info&) = default;
};

/// ProcessResults/Object: one object written by one rule.
struct processed_object {
  std::string key = {};
  std::string location = {};
  std::string format = {};
  std::uint32_t width = 0;
  std::uint32_t height = 0;
  std::uint64_t size = 0;
  std::uint32_t quality = 0;
  std::string etag = {};

  friend bool operator==(const processed_object&, const processed_object&) = default;
};

/// <UploadResult>.
struct upload_result {
  original_info original = {};
  std::vector<processed_object> objects = {};  // in document order, 0..max_upload_results

  friend bool operator==(const upload_result&, const upload_result&) = default;
};

/// A COS error response: <Error><Code/><Message/><Resource/><RequestId/><TraceId/></Error>.
struct service_error {
  std::string code = {};
  std::string message = {};
  std::string resource = {};
  std::string request_id = {};
  std::string trace_id = {};

  friend bool operator==(const service_error&, const service_error&) = default;
};

}  // namespace cos

namespace detail {

[[nodiscard]] inline result<void> cos_text(const xml::element& parent, std::string_view name,
                                           bool required, std::string& out) {
  auto t = xml_leaf_text(parent, name, required);
  if (!t) return t.error();
  out = std::move(*t);
  return {};
}

template <class Int>
[[nodiscard]] inline result<void> cos_uint(const xml::element& parent, std::string_view name,
                                           bool required, Int& out) {
  const auto v = xml_leaf_uint(parent, name, required, static_cast<std::uint64_t>(Int(-1)));
  if (!v) return v.error();
  out = static_cast<Int>(*v);
  return {};
}

[[nodiscard]] inline result<void> cos_image_info(const xml::element& e, cos::image_info& out) {
  if (auto r = cos_text(e, "Format", true, out.format); !r) return r;
  if (auto r = cos_uint(e, "Width", true, out.width); !r) return r;
  if (auto r = cos_uint(e, "Height", true, out.height); !r) return r;
  if (auto r = cos_uint(e, "Quality", false, out.quality); !r) return r;
  if (auto r = cos_text(e, "Ave", false, out.ave); !r) return r;
  if (auto r = cos_uint(e, "Orientation", false, out.orientation); !r) return r;
  return {};
}

[[nodiscard]] inline result<void> cos_processed_object(const xml::element& e,
                                                       cos::processed_object& out) {
  if (auto r = cos_text(e, "Key", true, out.key); !r) return r;
  if (auto r = cos_text(e, "Location", true, out.location); !r) return r;
  if (auto r = cos_text(e, "Format", false, out.format); !r) return r;
  if (auto r = cos_uint(e, "Width", false, out.width); !r) return r;
  if (auto r = cos_uint(e, "Height", false, out.height); !r) return r;
  if (auto r = cos_uint(e, "Size", false, out.size); !r) return r;
  if (auto r = cos_uint(e, "Quality", false, out.quality); !r) return r;
  if (auto r = cos_text(e, "ETag", true, out.etag); !r) return r;
  return {};
}

}  // namespace detail

namespace cos {

/// Reads an UploadResult body. Required: OriginalInfo with Key, Location and ETag; when
/// ImageInfo is present, its Format, Width and Height; per Object, Key, Location and ETag.
/// Optional (empty or 0 when absent, but checked when present): the other fields, and
/// ProcessResults itself (no objects).
[[nodiscard]] inline result<upload_result> parse_upload_result(std::string_view body) {
  const auto doc = xml::parse(body);
  if (!doc) return doc.error();
  if (doc->name() != "UploadResult")
    return error{errc::wrong_type, doc->offset(), "expected <UploadResult>"};
  upload_result out;

  const auto original = objproc::detail::xml_single(*doc, "OriginalInfo");
  if (!original) return original.error();
  if (*original == nullptr) return error{errc::missing_key, doc->offset(), "OriginalInfo missing"};
  const xml::element& o = **original;
  if (auto r = objproc::detail::cos_text(o, "Key", true, out.original.key); !r) return r.error();
  if (auto r = objproc::detail::cos_text(o, "Location", true, out.original.location); !r)
    return r.error();
  if (auto r = objproc::detail::cos_text(o, "ETag", true, out.original.etag); !r) return r.error();
  const auto info = objproc::detail::xml_single(o, "ImageInfo");
  if (!info) return info.error();
  if (*info != nullptr) {
    if (auto r = objproc::detail::cos_image_info(**info, out.original.image_info.emplace()); !r)
      return r.error();
  }

  const auto results = objproc::detail::xml_single(*doc, "ProcessResults");
  if (!results) return results.error();
  if (*results != nullptr) {
    std::size_t count = 0;
    for (const xml::element& e : (*results)->elements()) {
      if (e.name() != "Object") continue;
      if (++count > max_upload_results)
        return error{errc::too_many_rules, e.offset(), "more than 5 processed objects"};
    }
    out.objects.reserve(count);
    for (const xml::element& e : (*results)->elements()) {
      if (e.name() != "Object") continue;
      if (auto r = objproc::detail::cos_processed_object(e, out.objects.emplace_back()); !r)
        return r.error();
    }
  }
  return out;
}

/// Reads a COS error body. The root must be <Error> and hold <Code>; the other fields are
/// empty when absent. Extras (StringToSign, FormatString, ServerTime, ...) are ignored.
[[nodiscard]] inline result<service_error> parse_error(std::string_view body) {
  const auto doc = xml::parse(body);
  if (!doc) return doc.error();
  if (doc->name() != "Error") return error{errc::wrong_type, doc->offset(), "expected <Error>"};
  service_error out;
  if (auto r = objproc::detail::cos_text(*doc, "Code", true, out.code); !r) return r.error();
  if (auto r = objproc::detail::cos_text(*doc, "Message", false, out.message); !r) return r.error();
  if (auto r = objproc::detail::cos_text(*doc, "Resource", false, out.resource); !r)
    return r.error();
  if (auto r = objproc::detail::cos_text(*doc, "RequestId", false, out.request_id); !r)
    return r.error();
  if (auto r = objproc::detail::cos_text(*doc, "TraceId", false, out.trace_id); !r)
    return r.error();
  return out;
}

}  // namespace cos

OBJPROC_NAMESPACE_END

#endif  // OBJPROC_COS_RESULTS_HPP
