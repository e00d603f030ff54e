// SPDX-License-Identifier: MIT
// objproc/cos/results.hpp - typed results of COS/CI image processing and COS error responses.
//
//   parse_upload_result(body)   the <UploadResult> XML of ci_put_object (upload with
//                               Pic-Operations) and ci_image_process (process in the cloud)
//   parse_error(body)           the <Error> XML body of a failed call
//   parse_image_info(body)      the JSON of GET /<key>?imageInfo
//   parse_exif(body)            the JSON of GET /<key>?exif ({"error":"no exif data"}: no tags)
//   parse_image_ave(body)       the JSON of GET /<key>?imageAve ({"RGB":"0x736246"})
//
// XML goes through the strict reader of core/xml.hpp (entities such as &quot; in ETag are
// decoded); its errors, with byte offsets into the body, pass through unchanged. A body of the
// wrong shape is errc::wrong_type, a required element that is absent errc::missing_key (offset:
// the enclosing element), a repeated one errc::duplicate_key, an integer that is not one
// errc::invalid_number or errc::value_out_of_range (offset: the element's content), more than
// max_pic_rules processed objects errc::too_many_rules. Elements not listed here (WatermarkStatus,
// ...) are ignored.
//
// QR-code recognition (a QRcode rule): an Object with CodeStatus also has its QRcodeInfo
// elements read, each CodeUrl and a CodeLocation of four Point "x,y". The SDK parsers' names
// (CodeStatus, QRcodeInfo, CodeUrl, CodeLocation, Point) are canonical; the spellings of the
// documented sample (codeStatus, codeUrl, codelocation, point) are accepted too, one of the two
// per element (both: errc::duplicate_key). See docs/vocabulary/cos.md.
//
// The JSON bodies of the download-URL queries go through core/json.hpp. Their numbers are JSON
// strings of decimal digits ("960"); a wrong type is errc::wrong_type, a bad number
// errc::invalid_number or value_out_of_range, at the value's offset. Keys not listed are ignored
// (the pages of different dates list different optional fields: photo_rgb, dynamic_range, ...).
#ifndef OBJPROC_COS_RESULTS_HPP
#define OBJPROC_COS_RESULTS_HPP

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "objproc/config.hpp"
#include "objproc/core/json.hpp"
#include "objproc/core/result.hpp"
#include "objproc/core/text.hpp"
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

/// A corner of a recognised code, in pixels of the source image ("x,y").
struct qr_point {
  std::uint32_t x = 0;
  std::uint32_t y = 0;

  friend bool operator==(const qr_point&, const qr_point&) = default;
};

/// QRcodeInfo: one recognised QR code or barcode.
struct qr_code_info {
  std::string url = {};                   // CodeUrl: its content (may be empty: unreadable)
  std::array<qr_point, 4> location = {};  // CodeLocation: its four corners

  friend bool operator==(const qr_code_info&, const qr_code_info&) = default;
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
  /// QRcode rules: CodeStatus, 0 no code found, 1 codes found; empty for other rules.
  std::optional<std::uint32_t> code_status = {};
  std::vector<qr_code_info> qr_codes = {};  // QRcodeInfo, in document order

  friend bool operator==(const processed_object&, const processed_object&) = default;
};

/// <UploadResult>.
struct upload_result {
  original_info original = {};
  std::vector<processed_object> objects = {};  // in document order, 0..max_upload_results

  friend bool operator==(const upload_result&, const upload_result&) = default;
};

/// GET /<key>?imageInfo. Numbers arrive as JSON strings; the optional ones are empty when the
/// page generation the service follows does not send them.
struct image_basic_info {
  std::string format = {};  // lower case: "jpeg", "png", "gif"
  std::uint32_t width = 0;
  std::uint32_t height = 0;
  std::uint64_t size = 0;  // bytes
  std::string md5 = {};    // 32 hex digits
  std::optional<std::uint32_t> frame_count = {};
  std::optional<std::uint32_t> bit_depth = {};
  std::optional<std::uint32_t> vertical_dpi = {};
  std::optional<std::uint32_t> horizontal_dpi = {};
  std::string dynamic_range = {};  // "hdr", "gainmap hdr", "sdr", "unknow" (sic); "" when absent

  friend bool operator==(const image_basic_info&, const image_basic_info&) = default;
};

/// One EXIF tag of GET /<key>?exif: {"<name>": {"val": "<value>"}}.
struct exif_tag {
  std::string name = {};
  std::string value = {};

  friend bool operator==(const exif_tag&, const exif_tag&) = default;
};

/// GET /<key>?exif: the tags in document order; none for {"error": "no exif data"}.
struct exif_info {
  std::vector<exif_tag> tags = {};

  [[nodiscard]] bool has_exif() const noexcept { return !tags.empty(); }
  friend bool operator==(const exif_info&, const exif_info&) = default;
};

/// GET /<key>?imageAve: the average colour, 0xRRGGBB.
struct image_ave {
  std::uint32_t rgb = 0;

  friend bool operator==(const image_ave&, const image_ave&) = default;
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

// The one child named `name` or `legacy` (errc::duplicate_key when both or either repeats).
[[nodiscard]] inline result<const xml::element*> cos_single_of(const xml::element& parent,
                                                               std::string_view name,
                                                               std::string_view legacy) {
  auto a = xml_single(parent, name);
  if (!a) return a;
  auto b = xml_single(parent, legacy);
  if (!b) return b;
  if (*a != nullptr && *b != nullptr)
    return error{errc::duplicate_key, (*b)->offset(), "element given in two spellings"};
  return *a != nullptr ? *a : *b;
}

// "x,y": two unsigned decimal integers.
[[nodiscard]] inline result<cos::qr_point> cos_point(const xml::element& e) {
  const std::string_view t = e.text();
  const std::size_t at = e.content_offset();
  const std::size_t comma = t.find(',');
  if (comma == std::string_view::npos) return error{errc::invalid_number, at, "a point is \"x,y\""};
  cos::qr_point p;
  std::uint32_t* fields[] = {&p.x, &p.y};
  const std::string_view parts[] = {t.substr(0, comma), t.substr(comma + 1)};
  for (std::size_t i = 0; i < 2; ++i) {
    const std::size_t from = i == 0 ? 0 : comma + 1;
    if (parts[i].empty()) return error{errc::invalid_number, at + from, "a point is \"x,y\""};
    std::uint64_t v = 0;
    for (const char c : parts[i]) {
      if (c < '0' || c > '9') return error{errc::invalid_number, at + from, "a point is \"x,y\""};
      v = v * 10 + static_cast<std::uint64_t>(c - '0');
      if (v > 0xffffffffU)
        return error{errc::value_out_of_range, at + from, "coordinate too large"};
    }
    *fields[i] = static_cast<std::uint32_t>(v);
  }
  return p;
}

[[nodiscard]] inline result<void> cos_qr_code(const xml::element& e, cos::qr_code_info& out) {
  const auto url = cos_single_of(e, "CodeUrl", "codeUrl");
  if (!url) return url.error();
  if (*url != nullptr) {
    if (!(*url)->elements().empty())
      return error{errc::wrong_type, (*url)->elements().front().offset(), "expected text only"};
    out.url = std::string((*url)->text());
  }
  const auto location = cos_single_of(e, "CodeLocation", "codelocation");
  if (!location) return location.error();
  if (*location == nullptr) return error{errc::missing_key, e.offset(), "CodeLocation missing"};
  std::size_t n = 0;
  for (const xml::element& p : (*location)->elements()) {
    if (p.name() != "Point" && p.name() != "point") continue;
    if (n == out.location.size())
      return error{errc::unexpected_value, p.offset(), "a code has four corners"};
    if (!p.elements().empty())
      return error{errc::wrong_type, p.elements().front().offset(), "expected text only"};
    auto point = cos_point(p);
    if (!point) return point.error();
    out.location[n++] = *point;
  }
  if (n != out.location.size())
    return error{errc::missing_key, (*location)->offset(), "a code has four corners"};
  return {};
}

[[nodiscard]] inline result<void> cos_qr_results(const xml::element& e,
                                                 cos::processed_object& out) {
  const auto status = cos_single_of(e, "CodeStatus", "codeStatus");
  if (!status) return status.error();
  if (*status == nullptr) return {};  // not the result of a QRcode rule
  auto n = xml_leaf_uint(e, (*status)->name(), true, 1);
  if (!n) return n.error();
  out.code_status = static_cast<std::uint32_t>(*n);
  for (const xml::element& c : e.elements()) {
    if (c.name() != "QRcodeInfo") continue;
    if (auto r = cos_qr_code(c, out.qr_codes.emplace_back()); !r) return r;
  }
  return {};
}

// A JSON member holding decimal digits in a string, as the CI query operations send numbers.
template <class Int>
[[nodiscard]] inline result<void> cos_json_uint(const json::value& object, std::string_view key,
                                                bool required, std::optional<Int>& out) {
  const json::value* v = object.find(key);
  if (v == nullptr) {
    if (required) return error{errc::missing_key, object.offset(), "required key missing"};
    return {};
  }
  if (!v->is_string()) return error{errc::wrong_type, v->offset(), "a number in a JSON string"};
  const std::string_view t = v->as_string();
  if (t.empty()) return error{errc::invalid_number, v->offset(), "expected an unsigned integer"};
  std::uint64_t n = 0;
  const auto max = static_cast<std::uint64_t>(Int(-1));
  for (const char c : t) {
    if (c < '0' || c > '9')
      return error{errc::invalid_number, v->offset(), "expected an unsigned integer"};
    const auto digit = static_cast<std::uint64_t>(c - '0');
    if (n > max / 10 || digit > max - n * 10)
      return error{errc::value_out_of_range, v->offset(), "integer too large"};
    n = n * 10 + digit;
  }
  out = static_cast<Int>(n);
  return {};
}

[[nodiscard]] inline result<void> cos_json_text(const json::value& object, std::string_view key,
                                                bool required, std::string& out) {
  const json::value* v = object.find(key);
  if (v == nullptr) {
    if (required) return error{errc::missing_key, object.offset(), "required key missing"};
    return {};
  }
  if (!v->is_string()) return error{errc::wrong_type, v->offset(), "expected a JSON string"};
  out = std::string(v->as_string());
  return {};
}

[[nodiscard]] inline result<json::value> cos_json_object(std::string_view body) {
  auto doc = json::parse(body);
  if (!doc) return doc.error();
  if (!doc->is_object()) return error{errc::wrong_type, doc->offset(), "expected a JSON object"};
  return doc;
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
  return cos_qr_results(e, out);
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

/// Reads the JSON of GET /<key>?imageInfo. Required: format, width, height, size and md5 (in
/// every documented generation); optional: frame_count, bit_depth, vertical_dpi, horizontal_dpi,
/// dynamic_range. Other keys (photo_rgb of the older sample) are ignored.
[[nodiscard]] inline result<image_basic_info> parse_image_info(std::string_view body) {
  const auto doc = objproc::detail::cos_json_object(body);
  if (!doc) return doc.error();
  image_basic_info out;
  std::optional<std::uint32_t> width;
  std::optional<std::uint32_t> height;
  std::optional<std::uint64_t> size;
  using objproc::detail::cos_json_text;
  using objproc::detail::cos_json_uint;
  if (auto r = cos_json_text(*doc, "format", true, out.format); !r) return r.error();
  if (auto r = cos_json_uint(*doc, "width", true, width); !r) return r.error();
  if (auto r = cos_json_uint(*doc, "height", true, height); !r) return r.error();
  if (auto r = cos_json_uint(*doc, "size", true, size); !r) return r.error();
  if (auto r = cos_json_text(*doc, "md5", true, out.md5); !r) return r.error();
  bool md5_ok = out.md5.size() == 32;
  for (const char c : out.md5) md5_ok = md5_ok && objproc::detail::hex_value(c) >= 0;
  if (!md5_ok) return error{errc::wrong_type, doc->find("md5")->offset(), "md5 is 32 hex digits"};
  if (auto r = cos_json_uint(*doc, "frame_count", false, out.frame_count); !r) return r.error();
  if (auto r = cos_json_uint(*doc, "bit_depth", false, out.bit_depth); !r) return r.error();
  if (auto r = cos_json_uint(*doc, "vertical_dpi", false, out.vertical_dpi); !r) return r.error();
  if (auto r = cos_json_uint(*doc, "horizontal_dpi", false, out.horizontal_dpi); !r)
    return r.error();
  if (auto r = cos_json_text(*doc, "dynamic_range", false, out.dynamic_range); !r) return r.error();
  out.width = *width;
  out.height = *height;
  out.size = *size;
  return out;
}

/// Reads the JSON of GET /<key>?exif: an object of tags, each {"val": "<text>"} (other members of
/// a tag are ignored). {"error": "no exif data"} is an image without EXIF: no tags; any other
/// "error" text is errc::service_error at that string.
[[nodiscard]] inline result<exif_info> parse_exif(std::string_view body) {
  const auto doc = objproc::detail::cos_json_object(body);
  if (!doc) return doc.error();
  exif_info out;
  if (const json::value* e = doc->find("error"); e != nullptr) {
    if (!e->is_string()) return error{errc::wrong_type, e->offset(), "error is a JSON string"};
    if (e->as_string() != "no exif data")
      return error{errc::service_error, e->offset(), "exif returned an error"};
    return out;
  }
  out.tags.reserve(doc->members().size());
  for (const json::member& m : doc->members()) {
    if (!m.value.is_object())
      return error{errc::wrong_type, m.value.offset(), "an EXIF tag is {\"val\": ...}"};
    std::string value;
    if (auto r = objproc::detail::cos_json_text(m.value, "val", true, value); !r) return r.error();
    out.tags.push_back({m.key, std::move(value)});
  }
  return out;
}

/// Reads the JSON of GET /<key>?imageAve: {"RGB": "0xRRGGBB"} (hex digits of either case);
/// other keys are ignored.
[[nodiscard]] inline result<image_ave> parse_image_ave(std::string_view body) {
  const auto doc = objproc::detail::cos_json_object(body);
  if (!doc) return doc.error();
  std::string rgb;
  if (auto r = objproc::detail::cos_json_text(*doc, "RGB", true, rgb); !r) return r.error();
  bool ok = rgb.size() == 8 && rgb[0] == '0' && rgb[1] == 'x';
  std::uint32_t value = 0;
  for (std::size_t i = 2; ok && i < rgb.size(); ++i) {
    const int digit = objproc::detail::hex_value(rgb[i]);
    ok = digit >= 0;
    value = value * 16 + static_cast<std::uint32_t>(ok ? digit : 0);
  }
  if (!ok) return error{errc::invalid_color, doc->find("RGB")->offset(), "RGB is 0xRRGGBB"};
  return image_ave{value};
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
