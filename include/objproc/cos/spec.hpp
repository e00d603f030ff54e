// SPDX-License-Identifier: MIT
// objproc/cos/spec.hpp - every Tencent Cloud CI image-processing operation and parameter that
// cos/rule.hpp knows, as data: value syntax, ranges, where each may run, and its source.
//
// One table drives the parser (cos/rule.hpp), the builders' checks and the documentation of
// what is verified (docs/vocabulary/cos.md). Confidence, as for OSS (oss/spec.hpp):
//   documented  [D] official CI/COS documentation      -> broken rules are errors
//   sdk         [S] only an official SDK (code/test)   -> broken rules are errors
//   third_party [T] third-party code only              -> accepted, syntax checked only
//   unverified  [?] inferred                           -> accepted, syntax checked only
// A parameter whose range is [T]/[?] is written with min 1 / max unbounded: its syntax (a
// positive integer, ...) is checked, never guessed limits. `source_ref` names the documentation
// page (by its title) or the official SDK file a row comes from; docs/vocabulary/cos.md lists
// the pages with their dates and the decisions where they disagree.
//
// Carriers (where a rule runs): a download URL (GET /<key>?<rule>), an upload with a
// Pic-Operations header (PUT), cloud processing of a stored object (POST ?image_process with
// Pic-Operations). An operation or parameter carries the set it is documented for.
#ifndef OBJPROC_COS_SPEC_HPP
#define OBJPROC_COS_SPEC_HPP

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>  // also declares std::size

#include "objproc/config.hpp"
#include "objproc/core/scan.hpp"

OBJPROC_NAMESPACE_BEGIN

namespace cos {

/// Where a CI rule runs.
enum class rule_carrier : std::uint8_t {
  any,            // not known yet: the rule must be valid somewhere
  download_url,   // GET /<key>?<rule> (cos::presign_get)
  upload,         // PUT with Pic-Operations (cos::ci_put_object)
  cloud_process,  // POST ?image_process with Pic-Operations (cos::ci_image_process)
  persistent,     // Pic-Operations, upload or cloud processing not known yet
};

/// How sure the vocabulary is of a row (see the top of this file).
enum class confidence : std::uint8_t { documented, sdk, third_party, unverified };

namespace spec {

/// How a CI parameter value is written.
enum class value_kind : std::uint8_t {
  flag,          // no value (auto-orient, strip, AIGCMetadata)
  integer,       // within [min, max]
  enumeration,   // one of `choices`
  gravity,       // nine-grid name, any case; canonical lower case
  quality,       // 0-100, optionally forced with a trailing '!'
  thumbnail,     // !50p !50px !x50p 200x x300 200x300 200x300> 200x300< !200x300r 200x300! 35000@
  cut,           // WxHxDXxDY, or WxH ([S], official C++ SDK test)
  crop,          // Wx xH WxH, and the legacy !WxHa<dx>a<dy>
  box,           // WxH (scrop)
  blur,          // RxS: radius 1-50, sigma > 0
  size_limit,    // <n>k or <n>m, optionally '!'
  base64_text,   // URL-safe base64 of UTF-8 text
  base64_color,  // URL-safe base64 of "#RRGGBB"
  base64_url,    // URL-safe base64 of an http:// URL
};

/// Where an operation or parameter may run, as bits.
enum carrier_bits : std::uint8_t {
  in_download = 1,  // a download URL
  in_upload = 2,    // Pic-Operations on upload
  in_cloud = 4,     // Pic-Operations on POST ?image_process
  in_persistent = in_upload | in_cloud,
  everywhere = in_download | in_upload | in_cloud,
};

/// The carriers a rule parsed for `where` may run in; an operation is accepted when it may run
/// in at least one of them.
[[nodiscard]] constexpr std::uint8_t carrier_mask(rule_carrier where) noexcept {
  switch (where) {
    case rule_carrier::download_url:
      return in_download;
    case rule_carrier::upload:
      return in_upload;
    case rule_carrier::cloud_process:
      return in_cloud;
    case rule_carrier::persistent:
      return in_persistent;
    case rule_carrier::any:
      break;
  }
  return everywhere;
}

/// The short static text of a placement error.
[[nodiscard]] constexpr std::string_view carrier_refusal(rule_carrier where) noexcept {
  switch (where) {
    case rule_carrier::download_url:
      return "not allowed in a download URL";
    case rule_carrier::upload:
      return "not allowed on upload (Pic-Operations)";
    case rule_carrier::cloud_process:
      return "not allowed in cloud processing (image_process)";
    case rule_carrier::persistent:
      return "not allowed in Pic-Operations";
    case rule_carrier::any:
      break;
  }
  return "not allowed here";
}

struct param_spec {
  std::string_view key = {};
  value_kind kind = value_kind::integer;
  std::int64_t min = 0;
  std::int64_t max = 0;
  std::string_view choices = {};
  bool required = false;
  std::string_view requires_keys = {};  // also needs these keys (space-separated)
  std::uint8_t carriers = everywhere;
  confidence source = confidence::documented;
  std::string_view source_ref = {};
};

enum class op_form : std::uint8_t {
  keyed,  // <name>/<key>[/<value>]...
  view2,  // imageView2[/<mode>]/<key>/<value>...
  bare,   // <name> alone, no parameters (imageSlim, imageInfo, ...)
};

struct op_spec {
  std::string_view name = {};  // imageMogr2 imageView2 watermark/1 ... QRcode imageSlim ...
  std::span<const param_spec> params = {};
  op_form form = op_form::keyed;
  std::uint8_t carriers = everywhere;
  bool standalone = false;  // never joined with '|' (no pipeline use documented)
  confidence source = confidence::documented;
  std::string_view source_ref = {};
};

inline constexpr std::int64_t unbounded = 0x7fffffffffffffff;

/// Width/height parameter values above this are processed as this value by the service
/// (ref_limits below, 2026-01): a value that would be silently clamped is refused
/// (docs/vocabulary/cos.md, decision 1).
inline constexpr std::int64_t max_side = 10000;

// Source references: CI documentation pages by title, or official SDK files.
inline constexpr std::string_view ref_scale = "CI API doc: 缩放 (Scaling)";
inline constexpr std::string_view ref_crop = "CI API doc: 裁剪 (Cropping)";
inline constexpr std::string_view ref_rotate = "CI API doc: 旋转 (Rotation)";
inline constexpr std::string_view ref_format = "CI API doc: 格式转换 (Format Conversion)";
inline constexpr std::string_view ref_quality = "CI API doc: 质量变换 (Quality Change)";
inline constexpr std::string_view ref_blur = "CI API doc: 高斯模糊 (Gaussian Blurring)";
inline constexpr std::string_view ref_sharpen = "CI API doc: 锐化 (Sharpening)";
inline constexpr std::string_view ref_bright = "CI API doc: 亮度 (Brightness)";
inline constexpr std::string_view ref_contrast = "CI API doc: 对比度 (Contrast)";
inline constexpr std::string_view ref_gray = "CI API doc: 灰度图 (Grayscale)";
inline constexpr std::string_view ref_strip = "CI API doc: 去除元信息 (Removing Metadata)";
inline constexpr std::string_view ref_size_limit = "CI API doc: 限制图片大小 (Size Limit)";
inline constexpr std::string_view ref_gif = "CI API doc: 动图截帧 (Animated Image Frames)";
inline constexpr std::string_view ref_dpi = "CI API doc: 图片 DPI (Image DPI)";
inline constexpr std::string_view ref_svg = "CI API doc: SVG 压缩 (SVG Compression)";
inline constexpr std::string_view ref_aigc = "COS API doc: 添加 AIGC 图片元数据标识";
inline constexpr std::string_view ref_aigc_sdk =
    "cos-java-sdk-v5 AIGCOptionalParamsTest.java; cos-python-sdk-v5 demo/ci_template.py";
inline constexpr std::string_view ref_cut_sdk =
    "cos-cpp-sdk-v5 unittest/src/object_media_test.cpp (imageMogr2/cut/300x300)";
inline constexpr std::string_view ref_view2 = "CI API doc: 快速缩略模板 (Quick Thumbnail)";
inline constexpr std::string_view ref_view2_sdk =
    "cos-php-sdk-v5 src/ImageParamTemplate/ImageViewTemplate.php";
inline constexpr std::string_view ref_wm_image = "CI API doc: 图片水印 (Image Watermark)";
inline constexpr std::string_view ref_wm_text = "CI API doc: 文字水印 (Text Watermark)";
inline constexpr std::string_view ref_blind = "CI API doc: 盲水印 (Blind Watermark)";
inline constexpr std::string_view ref_blind_version =
    "COS API doc: 图片盲水印 (version table); cos-go-sdk-v5 example/CI/image_process/"
    "base_process.go";
inline constexpr std::string_view ref_qr = "CI API doc: 二维码识别 (QR Code Recognition)";
inline constexpr std::string_view ref_slim =
    "CI API doc: 通过 API 使用极智压缩 (Smart Compression)";
inline constexpr std::string_view ref_info = "CI API doc: 获取图片基本信息 (Querying Image Info)";
inline constexpr std::string_view ref_exif = "CI API doc: 获取图片 EXIF (Querying EXIF)";
inline constexpr std::string_view ref_ave = "CI API doc: 获取图片主色调 (Querying Average Hue)";
inline constexpr std::string_view ref_persistent =
    "CI API doc: 图片持久化处理 (Persistent Processing)";
inline constexpr std::string_view ref_ignore = "CI API doc: every imageMogr2 page (ignore-error)";
inline constexpr std::string_view ref_limits = "CI product doc: 使用限制 (Limits)";

// imageMogr2: one rule may combine any of these keys.
inline constexpr param_spec image_mogr2[] = {
    {.key = "thumbnail", .kind = value_kind::thumbnail, .source_ref = ref_scale},
    {.key = "pad",
     .kind = value_kind::enumeration,
     .choices = "0 1",
     .requires_keys = "thumbnail",
     .source_ref = ref_scale},
    {.key = "color",
     .kind = value_kind::base64_color,
     .requires_keys = "pad",
     .source_ref = ref_scale},
    {.key = "cut", .kind = value_kind::cut, .source_ref = ref_crop},
    {.key = "crop", .kind = value_kind::crop, .source_ref = ref_crop},
    {.key = "gravity", .kind = value_kind::gravity, .source_ref = ref_crop},
    {.key = "dx", .min = -unbounded, .max = unbounded, .source_ref = ref_crop},
    {.key = "dy", .min = -unbounded, .max = unbounded, .source_ref = ref_crop},
    {.key = "iradius", .min = 1, .max = unbounded, .source_ref = ref_crop},
    {.key = "rradius", .min = 1, .max = unbounded, .source_ref = ref_crop},
    {.key = "scrop", .kind = value_kind::box, .source_ref = ref_crop},
    {.key = "rotate", .min = 0, .max = 360, .source_ref = ref_rotate},
    {.key = "auto-orient", .kind = value_kind::flag, .source_ref = ref_rotate},
    {.key = "flip",
     .kind = value_kind::enumeration,
     .choices = "vertical horizontal",
     .source_ref = ref_rotate},
    // psd: upload and cloud processing only (checked by the parser, a value-level placement).
    {.key = "format",
     .kind = value_kind::enumeration,
     .choices = "jpg jpeg png bmp webp gif tiff yjpeg apng avif heif heic tpg psd svgc",
     .source_ref = "CI API doc: 格式转换 (Format Conversion); SVG 压缩 (SVG Compression)"},
    {.key = "cgif", .min = 1, .max = 100, .source_ref = ref_format},
    {.key = "interlace",
     .kind = value_kind::enumeration,
     .choices = "0 1",
     .source_ref = ref_format},
    {.key = "quality", .kind = value_kind::quality, .source_ref = ref_quality},
    {.key = "rquality", .min = 0, .max = 100, .source_ref = ref_quality},
    {.key = "lquality", .min = 0, .max = 100, .source_ref = ref_quality},
    {.key = "blur", .kind = value_kind::blur, .source_ref = ref_blur},
    {.key = "sharpen", .min = 10, .max = 300, .source_ref = ref_sharpen},
    {.key = "bright", .min = -100, .max = 100, .source_ref = ref_bright},
    {.key = "contrast", .min = -100, .max = 100, .source_ref = ref_contrast},
    {.key = "grayscale", .kind = value_kind::enumeration, .choices = "0 1", .source_ref = ref_gray},
    {.key = "strip", .kind = value_kind::flag, .source_ref = ref_strip},
    {.key = "size-limit", .kind = value_kind::size_limit, .source_ref = ref_size_limit},
    {.key = "ignore-error",
     .kind = value_kind::enumeration,
     .choices = "1",
     .source_ref = ref_ignore},
    // Added for issue 12: the DPI page says "download only" ("当前支持下载时处理").
    {.key = "density", .min = 1, .max = 1200, .carriers = in_download, .source_ref = ref_dpi},
    // egif: the frame interval; the page gives no range -> syntax only.
    {.key = "egif",
     .min = 1,
     .max = unbounded,
     .source = confidence::unverified,
     .source_ref = ref_gif},
    // frame: the N-th frame of an animated image, download only.
    {.key = "frame", .min = 1, .max = unbounded, .carriers = in_download, .source_ref = ref_gif},
    // AIGC metadata: a flag followed by its sub-keys, all base64 text; Label required; upload
    // and cloud processing only. Label required per the official Java SDK test.
    {.key = "AIGCMetadata",
     .kind = value_kind::flag,
     .requires_keys = "Label",
     .carriers = in_persistent,
     .source_ref = ref_aigc},
    {.key = "Label",
     .kind = value_kind::base64_text,
     .requires_keys = "AIGCMetadata",
     .carriers = in_persistent,
     .source = confidence::sdk,
     .source_ref = ref_aigc_sdk},
    {.key = "ContentProducer",
     .kind = value_kind::base64_text,
     .requires_keys = "AIGCMetadata",
     .carriers = in_persistent,
     .source_ref = ref_aigc},
    {.key = "ProduceID",
     .kind = value_kind::base64_text,
     .requires_keys = "AIGCMetadata",
     .carriers = in_persistent,
     .source_ref = ref_aigc},
    {.key = "ReservedCode1",
     .kind = value_kind::base64_text,
     .requires_keys = "AIGCMetadata",
     .carriers = in_persistent,
     .source_ref = ref_aigc},
    {.key = "ContentPropagator",
     .kind = value_kind::base64_text,
     .requires_keys = "AIGCMetadata",
     .carriers = in_persistent,
     .source_ref = ref_aigc},
    {.key = "PropagateID",
     .kind = value_kind::base64_text,
     .requires_keys = "AIGCMetadata",
     .carriers = in_persistent,
     .source_ref = ref_aigc},
    {.key = "ReservedCode2",
     .kind = value_kind::base64_text,
     .requires_keys = "AIGCMetadata",
     .carriers = in_persistent,
     .source_ref = ref_aigc},
};
// imageView2: the mode is the first segment (parsed separately).
inline constexpr param_spec image_view2[] = {
    {.key = "w", .min = 1, .max = max_side, .source_ref = ref_view2},
    {.key = "h", .min = 1, .max = max_side, .source_ref = ref_view2},
    {.key = "format",
     .kind = value_kind::enumeration,
     .choices = "jpg bmp gif png webp",
     .source_ref = ref_view2},
    {.key = "q", .kind = value_kind::quality, .source_ref = ref_view2},
    {.key = "rq", .min = 0, .max = 100, .source_ref = ref_view2},
    {.key = "lq", .min = 0, .max = 100, .source_ref = ref_view2},
    {.key = "ignore-error",
     .kind = value_kind::enumeration,
     .choices = "1",
     .source = confidence::sdk,
     .source_ref = ref_view2_sdk},
};
inline constexpr param_spec image_watermark[] = {
    {.key = "image", .kind = value_kind::base64_url, .required = true, .source_ref = ref_wm_image},
    {.key = "gravity", .kind = value_kind::gravity, .source_ref = ref_wm_image},
    {.key = "dx", .min = -unbounded, .max = unbounded, .source_ref = ref_wm_image},
    {.key = "dy", .min = -unbounded, .max = unbounded, .source_ref = ref_wm_image},
    {.key = "blogo", .kind = value_kind::enumeration, .choices = "1 2", .source_ref = ref_wm_image},
    {.key = "scatype",
     .kind = value_kind::enumeration,
     .choices = "1 2 3",
     .source_ref = ref_wm_image},
    {.key = "spcent",
     .min = 1,
     .max = 1000,
     .requires_keys = "scatype",
     .source_ref = ref_wm_image},
    {.key = "dissolve", .min = 1, .max = 100, .source_ref = ref_wm_image},
    {.key = "batch", .kind = value_kind::enumeration, .choices = "1", .source_ref = ref_wm_image},
    {.key = "degree", .min = 0, .max = 360, .requires_keys = "batch", .source_ref = ref_wm_image},
    // Not on the watermark pages; kept (accepted before issue 12) - docs/vocabulary/cos.md.
    {.key = "ignore-error",
     .kind = value_kind::enumeration,
     .choices = "1",
     .source = confidence::unverified,
     .source_ref = ref_ignore},
};
inline constexpr param_spec text_watermark[] = {
    {.key = "text", .kind = value_kind::base64_text, .required = true, .source_ref = ref_wm_text},
    {.key = "font", .kind = value_kind::base64_text, .source_ref = ref_wm_text},
    {.key = "fontsize", .min = 1, .max = unbounded, .source_ref = ref_wm_text},
    {.key = "fill", .kind = value_kind::base64_color, .source_ref = ref_wm_text},
    {.key = "dissolve", .min = 1, .max = 100, .source_ref = ref_wm_text},
    {.key = "gravity", .kind = value_kind::gravity, .source_ref = ref_wm_text},
    {.key = "dx", .min = -unbounded, .max = unbounded, .source_ref = ref_wm_text},
    {.key = "dy", .min = -unbounded, .max = unbounded, .source_ref = ref_wm_text},
    {.key = "batch", .kind = value_kind::enumeration, .choices = "1", .source_ref = ref_wm_text},
    {.key = "degree", .min = 0, .max = 360, .requires_keys = "batch", .source_ref = ref_wm_text},
    {.key = "shadow", .min = 0, .max = 100, .source_ref = ref_wm_text},
    {.key = "ignore-error",
     .kind = value_kind::enumeration,
     .choices = "1",
     .source = confidence::unverified,
     .source_ref = ref_ignore},
};
// Value-dependent rules (in the parser): type 1/2 need image, type 3 text; version per type
// (1: none; 2: 1.0 2.0; 3: 1.0 2.0 3.0); level 0-3 for type 2 (not v2.0) and type 3 (not v1.0).
inline constexpr param_spec blind_watermark[] = {
    {.key = "type",
     .kind = value_kind::enumeration,
     .choices = "1 2 3",
     .required = true,
     .source_ref = ref_blind},
    {.key = "image", .kind = value_kind::base64_url, .source_ref = ref_blind},
    {.key = "text", .kind = value_kind::base64_text, .source_ref = ref_blind},
    {.key = "level",
     .kind = value_kind::enumeration,
     .choices = "0 1 2 3",
     .source_ref = "COS API doc: 图片盲水印 (version table)"},
    {.key = "version",
     .kind = value_kind::enumeration,
     .choices = "1.0 2.0 3.0",
     .source_ref = ref_blind_version},
    {.key = "ignore-error",
     .kind = value_kind::enumeration,
     .choices = "1",
     .source = confidence::unverified,
     .source_ref = ref_ignore},
};
inline constexpr param_spec extract_blind_watermark[] = {
    {.key = "type",
     .kind = value_kind::enumeration,
     .choices = "1 2 3",
     .required = true,
     .source_ref = ref_blind},
    {.key = "image", .kind = value_kind::base64_url, .source_ref = ref_blind},
    {.key = "version",
     .kind = value_kind::enumeration,
     .choices = "1.0 2.0 3.0",
     .source_ref = ref_blind_version},
    {.key = "ignore-error",
     .kind = value_kind::enumeration,
     .choices = "1",
     .source = confidence::unverified,
     .source_ref = ref_ignore},
};
// QR-code recognition on upload: QRcode/cover/<0|1>[/bar-type/..][/segment/..][/size/..];
// size only with segment 1 (checked by the parser); its maximum is not given -> syntax only.
inline constexpr param_spec qr_code[] = {
    {.key = "cover",
     .kind = value_kind::enumeration,
     .choices = "0 1",
     .required = true,
     .source_ref = ref_qr},
    {.key = "bar-type", .kind = value_kind::enumeration, .choices = "0 1 2", .source_ref = ref_qr},
    {.key = "segment", .kind = value_kind::enumeration, .choices = "0 1", .source_ref = ref_qr},
    {.key = "size", .min = 500, .max = unbounded, .requires_keys = "segment", .source_ref = ref_qr},
};

inline constexpr op_spec operations[] = {
    {.name = "imageMogr2", .params = image_mogr2, .source_ref = "CI API doc: 基础图片处理 pages"},
    {.name = "imageView2", .params = image_view2, .form = op_form::view2, .source_ref = ref_view2},
    {.name = "watermark/1", .params = image_watermark, .source_ref = ref_wm_image},
    {.name = "watermark/2", .params = text_watermark, .source_ref = ref_wm_text},
    // Blind watermarks may be added on download; extraction only through Pic-Operations
    // ("不支持下载时提取盲水印", 盲水印 page).
    {.name = "watermark/3", .params = blind_watermark, .source_ref = ref_blind},
    {.name = "watermark/4",
     .params = extract_blind_watermark,
     .carriers = in_persistent,
     .source_ref = ref_blind},
    // Upload only: the download form is a different query (ci-process=QRcode&cover=..), cloud
    // processing is not documented.
    {.name = "QRcode",
     .params = qr_code,
     .carriers = in_upload,
     .standalone = true,
     .source_ref = ref_qr},
    {.name = "imageSlim", .form = op_form::bare, .standalone = true, .source_ref = ref_slim},
    // Query operations of a download URL (GET /<key>?imageInfo); the persistent equivalent is
    // Pic-Operations is_pic_info.
    {.name = "imageInfo",
     .form = op_form::bare,
     .carriers = in_download,
     .standalone = true,
     .source_ref = ref_info},
    {.name = "exif",
     .form = op_form::bare,
     .carriers = in_download,
     .standalone = true,
     .source_ref = ref_exif},
    {.name = "imageAve",
     .form = op_form::bare,
     .carriers = in_download,
     .standalone = true,
     .source_ref = ref_ave},
};

/// Index of the operations above the parser refers to.
inline constexpr std::size_t op_image_mogr2 = 0;
inline constexpr std::size_t op_image_view2 = 1;
inline constexpr std::size_t op_image_watermark = 2;
inline constexpr std::size_t op_blind_watermark = 4;
inline constexpr std::size_t op_extract_blind_watermark = 5;
inline constexpr std::size_t op_qr_code = 6;

/// style/<name>: a reference to a bucket style, Pic-Operations only.
inline constexpr std::uint8_t style_carriers = in_persistent;
inline constexpr std::string_view style_source_ref = ref_persistent;

inline constexpr std::size_t not_found = static_cast<std::size_t>(-1);

/// What the lookups below compare (core/scan.hpp).
inline constexpr auto codes =
    objproc::detail::vocabulary_codes<std::size(operations),
                                      objproc::detail::param_rows(operations)>::of(operations);

/// The index in the parameters of `operations[op_index]` of `key`, or not_found.
[[nodiscard]] constexpr std::size_t find_param(std::size_t op_index,
                                               std::string_view key) noexcept {
  return codes.find_param(operations, op_index, key);
}

/// The index in `operations` of `name`, or not_found.
[[nodiscard]] constexpr std::size_t find_operation(std::string_view name) noexcept {
  const std::uint32_t code = objproc::detail::name_code(name);
  for (std::size_t i = 0; i < std::size(operations); ++i)
    if (codes.operation[i] == code && objproc::detail::same(operations[i].name, name)) return i;
  return not_found;
}

static_assert(
    [] {
      for (const op_spec& op : operations)
        if (op.params.size() > 64) return false;
      return true;
    }(),
    "objproc::cos::spec: the parser tracks at most 64 parameters per operation");

static_assert(operations[op_image_mogr2].name == "imageMogr2" &&
                  operations[op_image_view2].name == "imageView2" &&
                  operations[op_image_watermark].name == "watermark/1" &&
                  operations[op_blind_watermark].name == "watermark/3" &&
                  operations[op_extract_blind_watermark].name == "watermark/4" &&
                  operations[op_qr_code].name == "QRcode",
              "objproc::cos::spec: operation indexes out of date");

static_assert(
    [] {
      for (const op_spec& op : operations) {
        if (op.source_ref.empty() || op.carriers == 0) return false;
        for (const param_spec& p : op.params)
          if (p.source_ref.empty() || p.carriers == 0) return false;
      }
      return true;
    }(),
    "objproc::cos::spec: every row names its source and where it may run");

}  // namespace spec

}  // namespace cos

OBJPROC_NAMESPACE_END

#endif  // OBJPROC_COS_SPEC_HPP
