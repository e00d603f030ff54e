// SPDX-License-Identifier: MIT
// objproc/oss/spec.hpp - every OSS processing operation and parameter, as data.
//
// One table drives the parser (oss/style.hpp), the builders' checks and the documentation of
// what is verified. Every operation row names its source (`source_ref`: the title of the
// Alibaba Cloud documentation page, or the official SDK file), and so does every parameter row
// whose source differs from its operation's. The research behind the rows is in the repository:
// docs/reference/style-spec.md (the specification, with its source keys) and
// docs/vocabulary/oss.md (where the sources disagree, and what the table decided).
// Confidence of a source (the `source` tag):
//   documented  [D] official documentation        -> broken rules are errors
//   sdk         [S] official SDK code or samples   -> broken rules are errors
//   third_party [T] third-party code only          -> accepted, unverified
//   unverified  [?] inferred                       -> accepted, unverified
// A parameter whose range or value set is [T]/[?] is checked for its syntax only (an integer is
// still an integer), never against guessed limits. oss::unchecked_style (oss/style.hpp) is the
// explicit way past this table for what it does not know.
#ifndef OBJPROC_OSS_SPEC_HPP
#define OBJPROC_OSS_SPEC_HPP

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>  // also declares std::size

#include "objproc/config.hpp"
#include "objproc/core/scan.hpp"

OBJPROC_NAMESPACE_BEGIN

namespace oss {

enum class confidence : std::uint8_t { documented, sdk, third_party, unverified };

/// How a parameter value is written.
enum class value_kind : std::uint8_t {
  integer,      // optional '-', decimal digits, no leading zeros; within [min, max]
  decimal,      // digits with an optional fraction (fps_29.97); integer part within [min, max]
  enumeration,  // one of `choices` (space-separated), case-sensitive
  base64,       // URL-safe base64 of UTF-8 text; '=' padding accepted, emitted without
  color,        // six hex digits RRGGBB, no '#'; emitted in upper case
  video_size,   // WxH or Wx (video s_): even numbers in [min, max]
  token,        // value set not published: letters, digits, '-' and '.'
};

/// What a base64 parameter decodes to, when more than "UTF-8 text" is known.
enum class decoded_kind : std::uint8_t { text, object_key, bucket_name };

struct param_spec {
  std::string_view key = {};  // case-sensitive; "" for the value of a value-only operation
  value_kind kind = value_kind::integer;
  std::int64_t min = 0;
  std::int64_t max = 0;
  std::string_view choices = {};  // enumeration values, space-separated
  bool required = false;
  confidence source = confidence::documented;
  std::string_view source_ref = {};     // where the row comes from; empty: the operation's source
  std::string_view requires_keys = {};  // also needs these keys (space-separated)
  std::string_view excludes_keys = {};  // cannot be combined with these keys
  std::uint16_t max_encoded = 0;        // base64: maximum encoded length (0: no limit)
  std::uint16_t max_decoded = 0;        // base64: maximum decoded UTF-8 characters (0: none)
  std::uint16_t max_decoded_bytes = 0;  // base64: maximum decoded bytes (0: no limit)
  decoded_kind decodes_to = decoded_kind::text;
  bool repeatable = false;  // may be given more than once; every occurrence is kept, in order
};

enum class op_form : std::uint8_t {
  keyed,       // op,key_value,key_value
  value_only,  // op,value
  no_args,     // op
};

/// Where an operation may run (style-spec §1.1), as bits.
enum carrier_bits : std::uint8_t {
  in_get_url = 1,        // ?x-oss-process= in a (presigned) GET URL
  in_sync_process = 2,   // POST ?x-oss-process (ProcessObject)
  in_async_process = 4,  // POST ?x-oss-async-process (AsyncProcessObject)
};

struct op_spec {
  std::string_view service = {};  // image video audio doc hls imm
  std::string_view name = {};
  op_form form = op_form::keyed;
  std::span<const param_spec> params = {};
  std::uint8_t carriers = in_get_url | in_sync_process;
  bool needs_saveas = false;      // the result exists only once saved (sys/saveas)
  bool needs_notify = false;      // the result is delivered only by notification (sys/notify)
  std::string_view parents = {};  // a sub-operation: valid only right after one of these ops
  std::string_view one_of = {};   // at least one of these keys is required
  confidence source = confidence::documented;
  std::string_view source_ref = {};  // documentation page title or official SDK file
};

namespace spec {

using enum value_kind;
using enum confidence;

inline constexpr std::int64_t unbounded = 0x7fffffffffffffff;
inline constexpr std::string_view gravity9 = "nw north ne west center east sw south se";
inline constexpr std::string_view zero_one = "0 1";
// The scaling modes of the IMM-backed video operations ("Capture multiple video frames",
// "Convert videos to animated images").
inline constexpr std::string_view scale_types = "crop stretch fill fit";

/// At most this many image watermarks (watermark,image_...) in one process string
/// (OSS error 0040-00000026, "Add watermarks"). Text watermarks do not count.
inline constexpr std::size_t max_image_watermarks = 3;

// --- image (style-spec §3) -------------------------------------------------------------------
inline constexpr param_spec resize[] = {
    {.key = "m", .kind = enumeration, .choices = "lfit mfit fill pad fixed"},
    {.key = "w", .min = 1, .max = 16384},
    {.key = "h", .min = 1, .max = 16384},
    {.key = "l", .min = 1, .max = 16384},
    {.key = "s", .min = 1, .max = 16384},
    {.key = "limit", .kind = enumeration, .choices = zero_one},
    {.key = "color", .kind = color},
    {.key = "p", .min = 1, .max = 1000},
    // Only inside a watermark image's own pre-process: percent of the main image.
    {.key = "P", .min = 1, .max = 100, .source_ref = "Add watermarks"},
};
inline constexpr param_spec crop[] = {
    {.key = "w", .min = 0, .max = 16384},
    {.key = "h", .min = 0, .max = 16384},
    {.key = "x", .min = 0, .max = 30000},
    {.key = "y", .min = 0, .max = 30000},
    {.key = "g",
     .kind = enumeration,
     .choices = "nw north ne west center east sw south se face auto"},
    {.key = "p", .min = 1, .max = 200},
};
inline constexpr param_spec indexcrop[] = {
    {.key = "x", .min = 1, .max = 30000},
    {.key = "y", .min = 1, .max = 30000},
    {.key = "i", .min = 0, .max = 30000},
};
inline constexpr param_spec radius[] = {{.key = "r", .min = 1, .max = 4096, .required = true}};
inline constexpr param_spec rotate_value[] = {{.min = 0, .max = 360}};
inline constexpr param_spec auto_orient_value[] = {{.kind = enumeration, .choices = zero_one}};
// "Flip images" shows only the value 0; the mapping of 1 and 2 is third-party knowledge only,
// so they are not in the strict vocabulary (oss::unchecked_style passes them).
inline constexpr param_spec flip_value[] = {{.kind = enumeration, .choices = "0"}};
inline constexpr param_spec blur[] = {
    {.key = "r", .min = 1, .max = 50, .required = true},
    {.key = "s", .min = 1, .max = 50, .required = true},
    // Face blurring (IMM-backed; no anonymous access).
    {.key = "g", .kind = enumeration, .choices = "face faces"},
    {.key = "p",
     .min = 1,
     .max = 200,
     .source_ref = "Blur; OSS error 0004-00000244",
     .requires_keys = "g"},
};
inline constexpr param_spec bright_value[] = {{.min = -100, .max = 100}};
inline constexpr param_spec sharpen_value[] = {{.min = 50, .max = 399}};
inline constexpr param_spec format_value[] = {
    {.kind = enumeration, .choices = "jpg png webp bmp gif tiff heic avif"}};
inline constexpr param_spec quality[] = {
    {.key = "q", .min = 1, .max = 100},
    {.key = "Q", .min = 1, .max = 100},
};
inline constexpr param_spec interlace_value[] = {{.kind = enumeration, .choices = zero_one}};
inline constexpr param_spec watermark[] = {
    // Repeatable: the FAQ "图片水印合成出现黑线" documents "...,t_90,g_se,x_10,y_10,t_50". Which
    // occurrence the service applies is not documented, so both are kept as written.
    {.key = "t",
     .min = 0,
     .max = 100,
     .source_ref = "Add watermarks; OSS error 0040-00000263; FAQ 图片处理常见问题 (repeated t)",
     .repeatable = true},
    {.key = "g", .kind = enumeration, .choices = gravity9},
    {.key = "x", .min = 0, .max = 4096},
    {.key = "y", .min = 0, .max = 4096},
    {.key = "voffset", .min = -1000, .max = 1000},
    {.key = "fill", .kind = enumeration, .choices = zero_one},
    {.key = "padx", .min = 0, .max = 4096, .requires_keys = "fill"},
    {.key = "pady", .min = 0, .max = 4096, .requires_keys = "fill"},
    {.key = "image", .kind = base64, .decodes_to = decoded_kind::object_key},
    // "Up to 64 characters" is ambiguous (style-spec §9 #6): the encoded length is what we bound.
    {.key = "text", .kind = base64, .max_encoded = 64},
    {.key = "type", .kind = base64},
    {.key = "color", .kind = color},
    {.key = "size", .min = 1, .max = 1000},
    {.key = "shadow", .min = 0, .max = 100},
    {.key = "rotate", .min = 0, .max = 360},
    {.key = "order", .kind = enumeration, .choices = zero_one, .requires_keys = "image text"},
    {.key = "align", .kind = enumeration, .choices = "0 1 2", .requires_keys = "image text"},
    {.key = "interval", .min = 0, .max = 1000, .requires_keys = "image text"},
};
inline constexpr param_spec blindwatermark[] = {
    {.key = "content", .kind = base64, .required = true, .max_decoded = 256},
    {.key = "s", .kind = enumeration, .choices = "low medium high"},
    {.key = "q", .min = 70, .max = 100},
};
inline constexpr std::string_view php_v2_async_sample = "异步处理（PHP SDK V2）";
inline constexpr param_spec deblindwatermark[] = {
    {.key = "s",
     .kind = enumeration,
     .choices = "low medium high",
     .source = sdk,
     .source_ref = php_v2_async_sample},
    {.key = "t",
     .kind = enumeration,
     .choices = "text",
     .source = sdk,
     .source_ref = php_v2_async_sample},
};

// --- video, audio, doc, hls synchronous (style-spec §4) ----------------------------------------
inline constexpr param_spec video_snapshot[] = {
    {.key = "t", .min = 0, .max = unbounded},  // required [?]: not enforced
    {.key = "w", .min = 0, .max = unbounded},
    {.key = "h", .min = 0, .max = unbounded},
    {.key = "m", .kind = enumeration, .choices = "fast"},
    {.key = "f", .kind = enumeration, .choices = "jpg png"},
    {.key = "ar", .kind = enumeration, .choices = "auto h w"},
    // The longer and the shorter side of the snapshot (0 ... the source's).
    {.key = "l", .min = 0, .max = unbounded, .source_ref = "OSS error 0053-00000102"},
    {.key = "s", .min = 0, .max = unbounded, .source_ref = "OSS error 0053-00000103"},
};
inline constexpr param_spec doc_snapshot[] = {
    {.key = "target", .kind = enumeration, .choices = "jpg png"},
    {.key = "source", .kind = enumeration, .choices = "pdf xlsx xls docx doc pptx ppt"},
    {.key = "page", .min = 1, .max = 2000},
};
inline constexpr std::string_view third_party_preview =
    "third-party URL builders only (the feature: Synchronous processing)";
inline constexpr param_spec doc_preview[] = {
    {.key = "export", .kind = enumeration, .choices = zero_one, .source = third_party},
    {.key = "print", .kind = enumeration, .choices = zero_one, .source = third_party},
    {.key = "copy", .kind = enumeration, .choices = zero_one, .source = third_party},
};
inline constexpr param_spec doc_preview_watermark[] = {
    {.key = "text", .kind = base64, .source = third_party},
    {.key = "size", .min = 0, .max = unbounded, .source = third_party},
    {.key = "t", .min = 0, .max = 100, .source = third_party},
    {.key = "color", .kind = color, .source = third_party},
    {.key = "rotate", .min = 0, .max = 360, .source = third_party},
    {.key = "type", .kind = base64, .source = third_party},
};
inline constexpr param_spec imm_previewdoc[] = {
    {.key = "copy", .kind = enumeration, .choices = zero_one}};
inline constexpr param_spec hls_m3u8[] = {
    {.key = "ss", .min = 0, .max = unbounded},  // start, ms (0: from the start)
    {.key = "t", .min = 0, .max = unbounded},   // duration, ms (0: to the end)
};

// Smart documents (doc/translate ...): the text itself travels in content_, URL-safe base64,
// at most 19,500 bytes ("使用智能文档实现文档智能处理"; the page does not say whether raw or
// encoded: the decoded bytes are what is bounded). The object in the path is a placeholder.
#define OBJPROC_DETAIL_OSS_DOC_AI_PARAMS                                              \
  {.key = "content", .kind = base64, .required = true, .max_decoded_bytes = 19500}, { \
    .key = "format", .kind = enumeration, .choices = "json event-stream"              \
  }
inline constexpr param_spec doc_translate[] = {
    {.key = "language",
     .kind = enumeration,
     .choices = "zh_CN en_US ja_JP fr_FR",
     .required = true},
    OBJPROC_DETAIL_OSS_DOC_AI_PARAMS,
};
inline constexpr param_spec doc_ai_text[] = {OBJPROC_DETAIL_OSS_DOC_AI_PARAMS};
inline constexpr param_spec doc_continue[] = {
    OBJPROC_DETAIL_OSS_DOC_AI_PARAMS,
    // Documented to exist (earlier generations); its encoding is not published: base64 is the
    // only form that survives the grammar's ',' and '/', so that is what is checked.
    {.key = "history",
     .kind = base64,
     .source = unverified,
     .source_ref = "Continuação inteligente de documentos (pt-br): name only"},
};
inline constexpr param_spec doc_rephrase[] = {
    {.key = "tone",
     .kind = enumeration,
     .choices = "professional relaxed straightforward confident friendly",
     .required = true},
    OBJPROC_DETAIL_OSS_DOC_AI_PARAMS,
};
#undef OBJPROC_DETAIL_OSS_DOC_AI_PARAMS

// --- asynchronous (style-spec §5, §6) ------------------------------------------------------------
inline constexpr param_spec doc_convert[] = {
    {.key = "target", .kind = enumeration, .choices = "pdf png jpg txt", .required = true},
    {.key = "source",
     .kind = enumeration,
     .choices = "doc docx wps wpss docm dotm dot dotx html pptx ppt pot potx pps ppsx dps dpt pptm "
                "potm ppsm dpss xls xlt et ett xlsx xltx csv xlsb xlsm xltm ets pdf"},
    // Always base64: a raw page list ("1,2,4-10") would contain the argument separator.
    {.key = "pages", .kind = base64},
};

inline constexpr std::string_view video_transcoding = "视频转码 / Video transcoding";
inline constexpr std::string_view audio_transcoding = "音频转码 / Audio transcoding";

#define OBJPROC_DETAIL_OSS_MEDIA_OUTPUT_PARAMS                                                     \
  {.key = "ss", .min = 0, .max = unbounded, .source_ref = video_transcoding},                      \
      {.key = "t", .min = 0, .max = unbounded, .source_ref = video_transcoding},                   \
      {.key = "vn", .kind = enumeration, .choices = zero_one, .source_ref = video_transcoding},    \
      {.key = "vcodec",                                                                            \
       .kind = enumeration,                                                                        \
       .choices = "h264 h265 copy vp9",                                                            \
       .source_ref = video_transcoding},                                                           \
      {.key = "fps", .kind = decimal, .min = 0, .max = 240, .source_ref = video_transcoding},      \
      {.key = "fpsopt", .kind = enumeration, .choices = "0 1 2", .source_ref = video_transcoding}, \
      {.key = "pixfmt",                                                                            \
       .kind = enumeration,                                                                        \
       .choices = "yuv420p yuv420p10le yuv422p yuv422p10le yuv444p yuv444p10le yuva420p",          \
       .source_ref = video_transcoding},                                                           \
      {.key = "s", .kind = video_size, .min = 64, .max = 4096, .source_ref = video_transcoding},   \
      {.key = "sopt",                                                                              \
       .min = 0,                                                                                   \
       .max = unbounded,                                                                           \
       .source = unverified,                                                                       \
       .source_ref = value_set_unpublished},                                                       \
      {.key = "scaletype",                                                                         \
       .kind = token,                                                                              \
       .source = unverified,                                                                       \
       .source_ref = value_set_unpublished},                                                       \
      {.key = "arotate",                                                                           \
       .kind = enumeration,                                                                        \
       .choices = zero_one,                                                                        \
       .source_ref = video_transcoding},                                                           \
      {.key = "g", .min = 1, .max = 100000, .source_ref = video_transcoding},                      \
      {.key = "vb", .min = 10000, .max = 100000000, .source_ref = video_transcoding},              \
      {.key = "vbopt",                                                                             \
       .min = 0,                                                                                   \
       .max = unbounded,                                                                           \
       .source = unverified,                                                                       \
       .source_ref = value_set_unpublished},                                                       \
      {.key = "crf", .kind = decimal, .min = 0, .max = 51, .source_ref = video_transcoding},       \
      {.key = "maxrate", .min = 10000, .max = 100000000, .source_ref = video_transcoding},         \
      {.key = "bufsize", .min = 10000, .max = 200000000, .source_ref = video_transcoding},         \
      {.key = "an", .kind = enumeration, .choices = zero_one, .source_ref = video_transcoding},    \
      {.key = "acodec", .kind = token, .source = unverified, .source_ref = value_set_unpublished}, \
      {.key = "ar",                                                                                \
       .kind = enumeration,                                                                        \
       .choices = "8000 11025 12000 16000 22050 24000 32000 44100 48000 64000 88200 96000",        \
       .source_ref = video_transcoding},                                                           \
      {.key = "ac", .min = 1, .max = 8, .source_ref = "音频转码 / Audio transcoding"},             \
      {.key = "aq",                                                                                \
       .min = 0,                                                                                   \
       .max = 100,                                                                                 \
       .source_ref = "音频转码 / Audio transcoding",                                               \
       .excludes_keys = "ab"},                                                                     \
      {.key = "ab",                                                                                \
       .min = 1,                                                                                   \
       .max = unbounded,                                                                           \
       .source = unverified,                                                                       \
       .source_ref = value_set_unpublished,                                                        \
       .excludes_keys = "aq"},                                                                     \
      {.key = "abopt",                                                                             \
       .min = 0,                                                                                   \
       .max = unbounded,                                                                           \
       .source = unverified,                                                                       \
       .source_ref = value_set_unpublished},                                                       \
      {.key = "adepth",                                                                            \
       .min = 0,                                                                                   \
       .max = unbounded,                                                                           \
       .source = unverified,                                                                       \
       .source_ref = value_set_unpublished},                                                       \
  {                                                                                                \
    .key = "sn", .kind = enumeration, .choices = zero_one, .source = sdk,                          \
    .source_ref = "aliyun-oss-java-sdk src/samples/AsyncProcessObjectSample.java"                  \
  }

inline constexpr std::string_view value_set_unpublished =
    "视频转码 / Video transcoding: name documented, values not published";

inline constexpr param_spec video_convert[] = {
    {.key = "f",
     .kind = enumeration,
     .choices = "mp4 mkv mov asf avi mxf ts flv webm mp3 aac flac oga ac3 opus amr",
     .required = true},
    OBJPROC_DETAIL_OSS_MEDIA_OUTPUT_PARAMS,
};
inline constexpr param_spec video_concat[] = {
    {.key = "f",
     .kind = enumeration,
     .choices = "mp4 mkv mov asf avi mxf ts flv webm mp3 aac flac oga ac3 opus amr",
     .required = true,
     .source_ref = video_transcoding},
    OBJPROC_DETAIL_OSS_MEDIA_OUTPUT_PARAMS,
    {.key = "align",
     .min = 0,
     .max = unbounded,
     .source = unverified,
     .source_ref = "异步处理（PHP SDK V2）: video/concat sample; values not published"},
};
#undef OBJPROC_DETAIL_OSS_MEDIA_OUTPUT_PARAMS

inline constexpr param_spec concat_input[] = {
    {.key = "o",
     .kind = base64,
     .required = true,
     .source = sdk,
     .decodes_to = decoded_kind::object_key},
    {.key = "ss", .min = 0, .max = unbounded, .source = sdk},
    {.key = "t", .min = 0, .max = unbounded, .source = sdk},
};
inline constexpr param_spec video_animation[] = {
    {.key = "ss", .min = 0, .max = unbounded},
    {.key = "f", .kind = enumeration, .choices = "gif webp", .required = true},
    {.key = "num", .min = 0, .max = unbounded},
    {.key = "inter", .min = 0, .max = unbounded},
    {.key = "fps", .kind = decimal, .min = 0, .max = 240},
    {.key = "w", .min = 32, .max = 4096},
    {.key = "h", .min = 32, .max = 4096},
    {.key = "scaletype", .kind = enumeration, .choices = scale_types},
};
inline constexpr param_spec video_sprite[] = {
    {.key = "ss", .min = 0, .max = unbounded},
    {.key = "f", .kind = enumeration, .choices = "jpg png", .required = true},
    {.key = "m", .kind = enumeration, .choices = "inter key avg dhash"},
    {.key = "thr", .min = 0, .max = 100, .requires_keys = "m"},
    {.key = "num", .min = 0, .max = unbounded},
    {.key = "inter", .min = 0, .max = unbounded},
    {.key = "sw", .min = 32, .max = 4096},
    {.key = "sh", .min = 32, .max = 4096},
    // Percent of the source size (0, 200]; ignored when sw / sh is set.
    {.key = "psw", .min = 1, .max = 200},
    {.key = "psh", .min = 1, .max = 200},
    {.key = "tw", .min = 0, .max = unbounded, .source = sdk, .source_ref = php_v2_async_sample},
    {.key = "th", .min = 0, .max = unbounded, .source = sdk, .source_ref = php_v2_async_sample},
    {.key = "pad", .min = 0, .max = unbounded, .source = sdk, .source_ref = php_v2_async_sample},
    {.key = "margin", .min = 0, .max = unbounded, .source = sdk, .source_ref = php_v2_async_sample},
    {.key = "scaletype",
     .kind = token,
     .source = unverified,
     .source_ref = "视频截雪碧图: the row was not retrieved"},
};
// The published table of "Capture multiple video frames" (视频截帧). pw / ph are percentages of
// the source size in (0, 200]: integers, so [1, 200]; ignored when w / h is set.
inline constexpr param_spec video_snapshots[] = {
    {.key = "ss", .min = 0, .max = unbounded},
    {.key = "f", .kind = enumeration, .choices = "jpg png"},
    {.key = "num", .min = 0, .max = unbounded},
    {.key = "inter", .min = 0, .max = unbounded},
    {.key = "w", .min = 32, .max = 4096},
    {.key = "h", .min = 32, .max = 4096},
    {.key = "pw", .min = 1, .max = 200},
    {.key = "ph", .min = 1, .max = 200},
    {.key = "scaletype", .kind = enumeration, .choices = scale_types},
};
inline constexpr param_spec audio_convert[] = {
    {.key = "ss", .min = 0, .max = unbounded},
    {.key = "t", .min = 0, .max = unbounded},
    {.key = "f", .kind = enumeration, .choices = "mp3 aac flac oga ac3 opus amr", .required = true},
    {.key = "ar",
     .kind = enumeration,
     .choices = "8000 11025 12000 16000 22050 24000 32000 44100 48000 64000 88200 96000"},
    {.key = "ac", .min = 1, .max = 8},
    {.key = "aq", .min = 0, .max = 100, .excludes_keys = "ab"},
    {.key = "ab",
     .min = 1,
     .max = unbounded,
     .source = unverified,
     .source_ref = "音频转码 / Audio transcoding: range not published",
     .excludes_keys = "aq"},
    {.key = "abopt",
     .min = 0,
     .max = unbounded,
     .source = unverified,
     .source_ref = "音频转码 / Audio transcoding: values not published"},
};
inline constexpr param_spec audio_concat[] = {
    {.key = "ss", .min = 0, .max = unbounded, .source = sdk},
    {.key = "t", .min = 0, .max = unbounded, .source = sdk},
    {.key = "f",
     .kind = enumeration,
     .choices = "mp3 aac flac oga ac3 opus amr",
     .required = true,
     .source_ref = audio_transcoding},
    {.key = "ar",
     .kind = enumeration,
     .choices = "8000 11025 12000 16000 22050 24000 32000 44100 48000 64000 88200 96000",
     .source_ref = audio_transcoding},
    {.key = "ac", .min = 1, .max = 8, .source_ref = audio_transcoding},
    {.key = "aq", .min = 0, .max = 100, .source_ref = audio_transcoding, .excludes_keys = "ab"},
    {.key = "ab",
     .min = 1,
     .max = unbounded,
     .source = unverified,
     .source_ref = "音频转码 / Audio transcoding: range not published",
     .excludes_keys = "aq"},
    {.key = "abopt",
     .min = 0,
     .max = unbounded,
     .source = unverified,
     .source_ref = "音频转码 / Audio transcoding: values not published"},
    {.key = "align",
     .min = 0,
     .max = unbounded,
     .source = unverified,
     .source_ref = "异步处理（PHP SDK V2）: audio/concat sample; values not published"},
};

inline constexpr std::uint8_t sync_carriers = in_get_url | in_sync_process;

inline constexpr op_spec operations[] = {
    // image (§3): synchronous
    {.service = "image",
     .name = "resize",
     .params = resize,
     .one_of = "w h l s p P",
     .source_ref = "Resize images"},
    {.service = "image", .name = "crop", .params = crop, .source_ref = "Custom crop"},
    {.service = "image",
     .name = "indexcrop",
     .params = indexcrop,
     .one_of = "x y",
     .source_ref = "Indexed cut"},
    {.service = "image", .name = "circle", .params = radius, .source_ref = "Incircle"},
    {.service = "image",
     .name = "rounded-corners",
     .params = radius,
     .source_ref = "Rounded rectangle"},
    {.service = "image",
     .name = "rotate",
     .form = op_form::value_only,
     .params = rotate_value,
     .source_ref = "Rotate"},
    {.service = "image",
     .name = "auto-orient",
     .form = op_form::value_only,
     .params = auto_orient_value,
     .source_ref = "Automatic rotation"},
    {.service = "image",
     .name = "flip",
     .form = op_form::value_only,
     .params = flip_value,
     .source_ref = "Flip images (图片翻转)"},
    {.service = "image", .name = "blur", .params = blur, .source_ref = "Blur"},
    {.service = "image",
     .name = "bright",
     .form = op_form::value_only,
     .params = bright_value,
     .source_ref = "Brightness"},
    {.service = "image",
     .name = "contrast",
     .form = op_form::value_only,
     .params = bright_value,
     .source_ref = "Contrast"},
    {.service = "image",
     .name = "sharpen",
     .form = op_form::value_only,
     .params = sharpen_value,
     .source_ref = "Sharpen"},
    {.service = "image",
     .name = "format",
     .form = op_form::value_only,
     .params = format_value,
     .source_ref = "Convert image formats (格式转换)"},
    {.service = "image",
     .name = "quality",
     .params = quality,
     .one_of = "q Q",
     .source_ref = "Adjust image quality"},
    {.service = "image",
     .name = "interlace",
     .form = op_form::value_only,
     .params = interlace_value,
     .source_ref = "Gradual display"},
    {.service = "image",
     .name = "watermark",
     .params = watermark,
     .one_of = "text image",
     .source_ref = "Add watermarks"},
    {.service = "image",
     .name = "info",
     .form = op_form::no_args,
     .source_ref = "Query image information"},
    {.service = "image",
     .name = "average-hue",
     .form = op_form::no_args,
     .source_ref = "Query the average tone"},
    // Embedding saves a new object: POST with sys/saveas only.
    {.service = "image",
     .name = "blindwatermark",
     .params = blindwatermark,
     .carriers = in_sync_process,
     .needs_saveas = true,
     .source_ref = "Blind watermark (图片盲水印)"},
    // Extraction answers only through the notification.
    {.service = "image",
     .name = "deblindwatermark",
     .params = deblindwatermark,
     .carriers = in_async_process,
     .needs_notify = true,
     .source_ref = "异步处理 / Asynchronous processing (zh); Blind watermark"},
    // Image intelligence (IMM-backed, signed requests only). No parameters are documented. The
    // pages show GET; "Synchronous processing" lists them under x-oss-process, so a
    // ProcessObject POST is allowed too (unverified: see docs/vocabulary/oss.md).
    {.service = "image", .name = "faces", .form = op_form::no_args, .source_ref = "Face detection"},
    {.service = "image",
     .name = "bodies",
     .form = op_form::no_args,
     .source_ref = "Human body detection"},
    {.service = "image",
     .name = "cars",
     .form = op_form::no_args,
     .source_ref = "Vehicle detection (车辆检测)"},
    {.service = "image",
     .name = "codes",
     .form = op_form::no_args,
     .source_ref = "QR code recognition"},
    {.service = "image",
     .name = "labels",
     .form = op_form::no_args,
     .source_ref = "Image label detection"},
    {.service = "image",
     .name = "score",
     .form = op_form::no_args,
     .source_ref = "Image quality assessment"},
    // video, audio, doc, hls: synchronous (§4)
    {.service = "video",
     .name = "snapshot",
     .params = video_snapshot,
     .source_ref = "Video snapshots"},
    {.service = "video",
     .name = "info",
     .form = op_form::no_args,
     .source_ref = "视频信息提取 / Video information extraction"},
    {.service = "audio",
     .name = "info",
     .form = op_form::no_args,
     .source_ref = "音频信息提取 / Audio information extraction"},
    {.service = "doc",
     .name = "snapshot",
     .params = doc_snapshot,
     .source_ref = "Document snapshots (文档快照)"},
    {.service = "doc",
     .name = "preview",
     .params = doc_preview,
     .source = third_party,
     .source_ref = third_party_preview},
    {.service = "doc",
     .name = "watermark",
     .params = doc_preview_watermark,
     .parents = "preview",
     .source = third_party,
     .source_ref = third_party_preview},
    // WebOffice online editing: the feature is documented (a presigned GET through a custom
    // domain), the operation name only in third-party code; no parameter is known.
    {.service = "doc",
     .name = "edit",
     .carriers = in_get_url,
     .source = third_party,
     .source_ref = "third-party PHP URL builder test (the feature: WebOffice online editing)"},
    // Smart documents: POST ProcessObject only.
    {.service = "doc",
     .name = "translate",
     .params = doc_translate,
     .carriers = in_sync_process,
     .source_ref = "智能文档翻译 / Intelligent document translation"},
    {.service = "doc",
     .name = "polish",
     .params = doc_ai_text,
     .carriers = in_sync_process,
     .source_ref = "Intelligent document polishing"},
    {.service = "doc",
     .name = "summarize",
     .params = doc_ai_text,
     .carriers = in_sync_process,
     .source_ref = "Intelligent document summarization"},
    {.service = "doc",
     .name = "continue",
     .params = doc_continue,
     .carriers = in_sync_process,
     .source_ref = "Intelligent document continuation"},
    {.service = "doc",
     .name = "enrich",
     .params = doc_ai_text,
     .carriers = in_sync_process,
     .source_ref = "Enriquecimento inteligente de documentos (pt-br)"},
    {.service = "doc",
     .name = "rephrase",
     .params = doc_rephrase,
     .carriers = in_sync_process,
     .source_ref = "智能文档语气改写 / Intelligent document tone rephrasing"},
    {.service = "imm",
     .name = "previewdoc",
     .params = imm_previewdoc,
     .carriers = in_get_url,
     .source_ref = "imm/previewdoc (legacy document preview)"},
    // Live-transcoding playlists (IMM-backed); only ss and t are published.
    {.service = "hls",
     .name = "m3u8",
     .params = hls_m3u8,
     .source_ref = "生成播放列表 / Generate a live transcoding playlist"},
    // Re-signs every segment URL of a private playlist fetched with GET.
    {.service = "hls",
     .name = "sign",
     .form = op_form::no_args,
     .carriers = in_get_url,
     .source_ref = "HLS private playlist (AlibabaCloudDocs/oss)"},
    // asynchronous only, results saved (§5, §6)
    {.service = "doc",
     .name = "convert",
     .params = doc_convert,
     .carriers = in_async_process,
     .needs_saveas = true,
     .source_ref = "Document conversion (文档转换)"},
    {.service = "video",
     .name = "convert",
     .params = video_convert,
     .carriers = in_async_process,
     .needs_saveas = true,
     .source_ref = "视频转码 / Video transcoding"},
    {.service = "video",
     .name = "animation",
     .params = video_animation,
     .carriers = in_async_process,
     .needs_saveas = true,
     .source_ref = "视频转动图 / Convert videos to animated images"},
    {.service = "video",
     .name = "sprite",
     .params = video_sprite,
     .carriers = in_async_process,
     .needs_saveas = true,
     .source_ref = "视频截雪碧图 / Generate sprites from video snapshots"},
    {.service = "video",
     .name = "snapshots",
     .params = video_snapshots,
     .carriers = in_async_process,
     .needs_saveas = true,
     .source_ref = "视频截帧 / Capture multiple video frames"},
    {.service = "video",
     .name = "concat",
     .params = video_concat,
     .carriers = in_async_process,
     .needs_saveas = true,
     .source = sdk,
     .source_ref = php_v2_async_sample},
    {.service = "audio",
     .name = "convert",
     .params = audio_convert,
     .carriers = in_async_process,
     .needs_saveas = true,
     .source_ref = "音频转码 / Audio transcoding"},
    {.service = "audio",
     .name = "concat",
     .params = audio_concat,
     .carriers = in_async_process,
     .needs_saveas = true,
     .source = sdk,
     .source_ref = php_v2_async_sample},
    // concat inputs: /pre (before the source object) and /sur (after it), one or more each.
    {.service = "video",
     .name = "pre",
     .params = concat_input,
     .carriers = in_async_process,
     .parents = "concat pre sur",
     .source = sdk,
     .source_ref = php_v2_async_sample},
    {.service = "video",
     .name = "sur",
     .params = concat_input,
     .carriers = in_async_process,
     .parents = "concat pre sur",
     .source = sdk,
     .source_ref = php_v2_async_sample},
    {.service = "audio",
     .name = "pre",
     .params = concat_input,
     .carriers = in_async_process,
     .parents = "concat pre sur",
     .source = sdk,
     .source_ref = php_v2_async_sample},
    {.service = "audio",
     .name = "sur",
     .params = concat_input,
     .carriers = in_async_process,
     .parents = "concat pre sur",
     .source = sdk,
     .source_ref = php_v2_async_sample},
};

// Every operation names its source.
static_assert(
    [] {
      for (const op_spec& op : operations)
        if (op.source_ref.empty()) return false;
      return true;
    }(),
    "objproc::oss::spec: an operation row has no source_ref");
// And so does every parameter row whose confidence differs from its operation's.
static_assert(
    [] {
      for (const op_spec& op : operations)
        for (const param_spec& p : op.params)
          if (p.source != op.source && p.source_ref.empty()) return false;
      return true;
    }(),
    "objproc::oss::spec: a parameter row of another confidence than its operation has no "
    "source_ref");

// The parser tracks parameters in a fixed array (oss/style.hpp).
inline constexpr std::size_t max_params_per_operation = 40;
static_assert(
    [] {
      for (const op_spec& op : operations)
        if (op.params.size() > max_params_per_operation) return false;
      return true;
    }(),
    "objproc::oss::spec: an operation has more parameters than the parser tracks");

using objproc::detail::same;

inline constexpr std::size_t not_found = static_cast<std::size_t>(-1);

// Lookups return indices, not pointers: GCC 12 with -fsanitize=undefined cannot constant-fold
// its inserted null checks on pointers into these tables.

/// What the lookups below compare (core/scan.hpp).
inline constexpr auto codes =
    objproc::detail::vocabulary_codes<std::size(operations),
                                      objproc::detail::param_rows(operations)>::of(operations);

/// The index in `operations` of `name` in `service`, or not_found.
[[nodiscard]] constexpr std::size_t find_operation(std::string_view service,
                                                   std::string_view name) noexcept {
  const std::uint32_t code = objproc::detail::name_code(name);
  for (std::size_t i = 0; i < std::size(operations); ++i)
    if (codes.operation[i] == code && same(operations[i].name, name) &&
        same(operations[i].service, service))
      return i;
  return not_found;
}

/// True when `service` has at least one operation.
[[nodiscard]] constexpr bool known_service(std::string_view service) noexcept {
  for (const op_spec& op : operations)
    if (same(op.service, service)) return true;
  return false;
}

/// The index in the parameters of `operations[op_index]` of `key` (case-sensitive), or not_found.
[[nodiscard]] constexpr std::size_t find_param(std::size_t op_index,
                                               std::string_view key) noexcept {
  return codes.find_param(operations, op_index, key);
}

}  // namespace spec
}  // namespace oss

OBJPROC_NAMESPACE_END

#endif  // OBJPROC_OSS_SPEC_HPP
