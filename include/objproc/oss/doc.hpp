// SPDX-License-Identifier: MIT
// objproc/oss/doc.hpp - typed builders for the OSS document operations (style-spec §4.3, §4.4,
// §5).
//
//   static_assert(oss::doc::snapshot{.target = oss::doc_snapshot_format::jpg,
//                                    .source = oss::doc_source::docx, .page = 2}.str() ==
//                 "doc/snapshot,target_jpg,source_docx,page_2");
//   auto c = oss::doc::convert{.target = oss::doc_target::png, .pages = "1,2,4-10"}.str();
//   auto p = oss::doc::preview{.allow_copy = false} / oss::doc::watermark{.text = "internal"};
// Fields follow the order of oss/spec.hpp's tables, which is the order they are rendered in.
// Text parameters (convert pages, watermark text and font) take plain text and are encoded by
// the builder. doc/snapshot and doc/preview are synchronous (signed requests); doc/convert needs
// async_process_object with sys/saveas (oss/directives.hpp). doc/preview and its watermark are
// known only from third-party sources (style-spec §4.4): their values are checked for syntax and
// documented ranges only.
#ifndef OBJPROC_OSS_DOC_HPP
#define OBJPROC_OSS_DOC_HPP

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "objproc/config.hpp"
#include "objproc/oss/builder.hpp"
#include "objproc/oss/style.hpp"

OBJPROC_NAMESPACE_BEGIN

namespace oss {

/// doc/convert `target_`: txt only from Word and PowerPoint sources.
enum class doc_target : std::uint8_t { pdf, png, jpg, txt };
/// doc/snapshot `target_`.
enum class doc_snapshot_format : std::uint8_t { jpg, png };
/// `source_`: the source type, for keys without an extension. doc/snapshot accepts only
/// pdf xlsx xls docx doc pptx ppt (the parser rejects the others there).
enum class doc_source : std::uint8_t {
  // Word
  doc,
  docx,
  wps,
  wpss,
  docm,
  dotm,
  dot,
  dotx,
  html,
  // PowerPoint
  pptx,
  ppt,
  pot,
  potx,
  pps,
  ppsx,
  dps,
  dpt,
  pptm,
  potm,
  ppsm,
  dpss,
  // Excel
  xls,
  xlt,
  et,
  ett,
  xlsx,
  xltx,
  csv,
  xlsb,
  xlsm,
  xltm,
  ets,
  // PDF
  pdf
};

/// doc/translate `language_`: the target language.
enum class doc_language : std::uint8_t { zh_CN, en_US, ja_JP, fr_FR };  // NOLINT: wire names
/// doc/rephrase `tone_`.
enum class doc_tone : std::uint8_t { professional, relaxed, straightforward, confident, friendly };
/// Smart documents `format_`: one JSON answer, or server-sent events.
enum class doc_answer_format : std::uint8_t { json, event_stream };

namespace detail {
[[nodiscard]] constexpr std::string_view name_of(doc_language l) noexcept {
  constexpr std::string_view names[] = {"zh_CN", "en_US", "ja_JP", "fr_FR"};
  return names[static_cast<std::size_t>(l)];
}
[[nodiscard]] constexpr std::string_view name_of(doc_tone t) noexcept {
  constexpr std::string_view names[] = {"professional", "relaxed", "straightforward", "confident",
                                        "friendly"};
  return names[static_cast<std::size_t>(t)];
}
[[nodiscard]] constexpr std::string_view name_of(doc_answer_format f) noexcept {
  return f == doc_answer_format::json ? "json" : "event-stream";
}
[[nodiscard]] constexpr std::string_view name_of(doc_target t) noexcept {
  constexpr std::string_view names[] = {"pdf", "png", "jpg", "txt"};
  return names[static_cast<std::size_t>(t)];
}
[[nodiscard]] constexpr std::string_view name_of(doc_snapshot_format f) noexcept {
  return f == doc_snapshot_format::jpg ? "jpg" : "png";
}
[[nodiscard]] constexpr std::string_view name_of(doc_source s) noexcept {
  constexpr std::string_view names[] = {
      "doc", "docx", "wps", "wpss", "docm", "dotm", "dot",  "dotx", "html", "pptx", "ppt",
      "pot", "potx", "pps", "ppsx", "dps",  "dpt",  "pptm", "potm", "ppsm", "dpss", "xls",
      "xlt", "et",   "ett", "xlsx", "xltx", "csv",  "xlsb", "xlsm", "xltm", "ets",  "pdf"};
  return names[static_cast<std::size_t>(s)];
}
}  // namespace detail

namespace doc {

using oss::operator/;  // found by argument-dependent lookup from the builders below
inline constexpr std::string_view service_name = "doc";

/// convert,target_,source_,pages_: convert a document (asynchronous, sys/saveas; for image
/// targets the saveas key usually holds "{index}", one object per page)
struct convert {
  static constexpr std::string_view service = service_name;
  doc_target target = doc_target::pdf;      // required
  std::optional<doc_source> source{};       // default: from the key's extension
  std::optional<std::string_view> pages{};  // plain page list, e.g. "1,2,4-10"; always encoded

  constexpr void render(detail::op_writer& o) const noexcept {
    o.name("convert");
    o.param("target", detail::name_of(target));
    if (source) o.param("source", detail::name_of(*source));
    o.encoded("pages", pages);
  }
  [[nodiscard]] constexpr style str() const noexcept { return to_style(*this); }
};

/// snapshot,target_,source_,page_: one page as an image (synchronous, signed requests)
struct snapshot {
  static constexpr std::string_view service = service_name;
  std::optional<doc_snapshot_format> target{};
  std::optional<doc_source> source{};  // pdf xlsx xls docx doc pptx ppt
  std::optional<std::int64_t> page{};  // from 1

  constexpr void render(detail::op_writer& o) const noexcept {
    o.name("snapshot");
    if (target) o.param("target", detail::name_of(*target));
    if (source) o.param("source", detail::name_of(*source));
    o.param("page", page);
  }
  [[nodiscard]] constexpr style str() const noexcept { return to_style(*this); }
};

/// preview,export_,print_,copy_: online preview (synchronous, signed requests; third-party
/// sources only). May be followed by doc::watermark.
struct preview {
  static constexpr std::string_view service = service_name;
  std::optional<bool> allow_export{};  // export_ (`export` is a C++ keyword)
  std::optional<bool> allow_print{};   // print_
  std::optional<bool> allow_copy{};    // copy_

  constexpr void render(detail::op_writer& o) const noexcept {
    o.name("preview");
    o.flag("export", allow_export);
    o.flag("print", allow_print);
    o.flag("copy", allow_copy);
  }
  [[nodiscard]] constexpr style str() const noexcept { return to_style(*this); }
};

/// watermark,text_,size_,t_,color_,rotate_,type_: the preview's watermark. Valid only right
/// after preview, so it has no str() of its own: compose it with '/'.
struct watermark {
  static constexpr std::string_view service = service_name;
  std::optional<std::string_view> text{};  // plain text, encoded by the builder
  std::optional<std::int64_t> size{};      // font size
  std::optional<std::int64_t> t{};         // opacity 0-100
  std::optional<std::uint32_t> color{};    // 0xRRGGBB
  std::optional<std::int64_t> rotate{};    // 0-360
  std::optional<std::string_view> font{};  // font name (`type`), plain text, encoded

  constexpr void render(detail::op_writer& o) const noexcept {
    o.name("watermark");
    o.encoded("text", text);
    o.param("size", size);
    o.param("t", t);
    o.color("color", color);
    o.param("rotate", rotate);
    o.encoded("type", font);
  }
};

// Smart documents (issue 12): ProcessObject (POST) only; the object in the path is a
// placeholder, the text travels in content_ (plain text here, encoded by the builder, at most
// 19,500 bytes). The answer: oss::parse_doc_ai_result (oss/results.hpp).

/// translate,language_,content_,format_
struct translate {
  static constexpr std::string_view service = service_name;
  doc_language language = doc_language::en_US;  // required
  std::string_view content = {};                // plain text, required
  std::optional<doc_answer_format> format{};

  constexpr void render(detail::op_writer& o) const noexcept {
    o.name("translate");
    o.param("language", detail::name_of(language));
    o.encoded("content", content);
    if (format) o.param("format", detail::name_of(*format));
  }
  [[nodiscard]] constexpr style str() const noexcept { return to_style(*this); }
};

/// rephrase,tone_,content_,format_
struct rephrase {
  static constexpr std::string_view service = service_name;
  doc_tone tone = doc_tone::professional;  // required
  std::string_view content = {};           // plain text, required
  std::optional<doc_answer_format> format{};

  constexpr void render(detail::op_writer& o) const noexcept {
    o.name("rephrase");
    o.param("tone", detail::name_of(tone));
    o.encoded("content", content);
    if (format) o.param("format", detail::name_of(*format));
  }
  [[nodiscard]] constexpr style str() const noexcept { return to_style(*this); }
};

// polish, summarize, enrich: content_ and format_ only.
#define OBJPROC_DETAIL_OSS_DOC_TEXT_OP(type, wire)                                 \
  struct type {                                                                    \
    static constexpr std::string_view service = service_name;                      \
    std::string_view content = {}; /* plain text, required */                      \
    std::optional<doc_answer_format> format{};                                     \
    constexpr void render(detail::op_writer& o) const noexcept {                   \
      o.name(wire);                                                                \
      o.encoded("content", content);                                               \
      if (format) o.param("format", detail::name_of(*format));                     \
    }                                                                              \
    [[nodiscard]] constexpr style str() const noexcept { return to_style(*this); } \
  }
/// polish,content_,format_
OBJPROC_DETAIL_OSS_DOC_TEXT_OP(polish, "polish");
/// summarize,content_,format_
OBJPROC_DETAIL_OSS_DOC_TEXT_OP(summarize, "summarize");
/// enrich,content_,format_
OBJPROC_DETAIL_OSS_DOC_TEXT_OP(enrich, "enrich");
#undef OBJPROC_DETAIL_OSS_DOC_TEXT_OP

/// continue,content_,format_,history_ (`continue` is a keyword). The encoding of history is
/// not published: it is taken as plain text and base64-encoded, like content.
struct continuation {
  static constexpr std::string_view service = service_name;
  std::string_view content = {};  // plain text, required
  std::optional<doc_answer_format> format{};
  std::optional<std::string_view> history{};  // [?]

  constexpr void render(detail::op_writer& o) const noexcept {
    o.name("continue");
    o.encoded("content", content);
    if (format) o.param("format", detail::name_of(*format));
    o.encoded("history", history);
  }
  [[nodiscard]] constexpr style str() const noexcept { return to_style(*this); }
};

}  // namespace doc
}  // namespace oss

OBJPROC_NAMESPACE_END

#endif  // OBJPROC_OSS_DOC_HPP
