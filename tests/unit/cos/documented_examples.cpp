// SPDX-License-Identifier: MIT
// Tests objproc/cos/rule.hpp against documented CI rule strings, as data: each row is a string
// from the vendor documentation or an official SDK (docs/vocabulary/cos.md lists the pages),
// the carrier it is documented for, and what the parser must do with it - the canonical text
// of a valid rule, or the errc of an invalid one.
#include <catch2/catch.hpp>

#include <cstddef>
#include <iterator>
#include <map>
#include <string>
#include <string_view>
#include <utility>

#include "objproc/core/diagnostic.hpp"
#include "objproc/cos/rule.hpp"

using objproc::errc;
using objproc::cos::parse_rule;
using objproc::cos::rule_carrier;

namespace {

constexpr auto any = rule_carrier::any;
constexpr auto url = rule_carrier::download_url;
constexpr auto upload = rule_carrier::upload;
constexpr auto cloud = rule_carrier::cloud_process;

struct example {
  std::string_view op;         // the operation the row is about
  std::string_view text;       // the documented string
  rule_carrier where;          // the carrier it is documented for
  errc code;                   // errc::none: valid
  std::string_view canonical;  // valid: the canonical text ("" = the text itself)
  std::string_view source;     // page title or SDK file
};

// http://examples-1251000004.picsh.myqcloud.com/shuiyin.jpg
#define OBJPROC_TEST_WM_URL \
  "aHR0cDovL2V4YW1wbGVzLTEyNTEwMDAwMDQucGljc2gubXlxY2xvdWQuY29tL3NodWl5aW4uanBn"

constexpr example examples[] = {
    // --- imageMogr2 ---------------------------------------------------------------------------
    {"imageMogr2", "imageMogr2/thumbnail/!50p", url, errc::none, "", "CI 缩放 example 1"},
    {"imageMogr2", "imageMogr2/thumbnail/600x600/pad/1/color/IzNEM0QzRA", upload, errc::none, "",
     "CI 缩放 example 3"},
    {"imageMogr2", "imageMogr2/thumbnail/200x/", cloud, errc::none, "imageMogr2/thumbnail/200x",
     "Node.js SDK 基础图片处理 page; cos-nodejs-sdk-v5 demo/demo.js"},
    {"imageMogr2", "imageMogr2/thumbnail/50x/ignore-error/1", url, errc::none, "",
     "cos-nodejs-sdk-v5 test/test.js"},
    {"imageMogr2", "imageMogr2/thumbnail/20000x", url, errc::value_out_of_range, "",
     "CI 使用限制: values above 10000 are clamped"},
    {"imageMogr2", "imageMogr2/cut/600x600x100x10", url, errc::none, "", "CI 裁剪 sample 1"},
    {"imageMogr2", "imageMogr2/cut/300x300", cloud, errc::none, "",
     "cos-cpp-sdk-v5 unittest/src/object_media_test.cpp"},
    {"imageMogr2", "imageMogr2/cut/600x600x100", url, errc::invalid_dimensions, "",
     "CI 裁剪 (WxHxDXxDY)"},
    {"imageMogr2", "imageMogr2/crop/300x400/gravity/center", url, errc::none, "",
     "CI 裁剪 sample 2"},
    {"imageMogr2", "imageMogr2/rotate/361", url, errc::value_out_of_range, "", "CI 旋转 (0-360)"},
    {"imageMogr2", "imageMogr2/format/svgc", upload, errc::none, "", "CI SVG 压缩"},
    {"imageMogr2", "imageMogr2/format/tpg", cloud, errc::none, "", "CI TPG 压缩"},
    {"imageMogr2", "imageMogr2/format/psd", url, errc::misplaced_operation, "",
     "CI 格式转换: psd only through persistent processing"},
    {"imageMogr2", "imageMogr2/format/psd", upload, errc::none, "", "CI 格式转换"},
    {"imageMogr2", "imageMogr2/format/jpg/interlace/0/quality/100", cloud, errc::none, "",
     "cos-go-sdk-v5 example/CI/workflow_and_job/jobs.go"},
    {"imageMogr2", "imageMogr2/blur/51x5", url, errc::value_out_of_range, "", "CI 高斯模糊"},
    {"imageMogr2", "imageMogr2/sharpen/1", url, errc::value_out_of_range, "",
     "CI 锐化 (10-300; legacy example)"},
    {"imageMogr2", "imageMogr2/strip/format/png/size-limit/15k!", url, errc::none, "",
     "COS 限制图片大小"},
    {"imageMogr2", "imageMogr2/cgif/101", url, errc::value_out_of_range, "", "CI 格式转换"},
    {"imageMogr2", "imageMogr2/density/300", url, errc::none, "", "CI 图片 DPI"},
    {"imageMogr2", "imageMogr2/density/300", upload, errc::misplaced_operation, "",
     "CI 图片 DPI: download only"},
    {"imageMogr2", "imageMogr2/density/1201", url, errc::value_out_of_range, "",
     "CI 图片 DPI (1-1200)"},
    {"imageMogr2", "imageMogr2/frame/2", url, errc::none, "", "COS 动图截帧"},
    {"imageMogr2", "imageMogr2/egif/3", cloud, errc::none, "", "CI 动图截帧"},
    {"imageMogr2",
     "imageMogr2/AIGCMetadata/Label/bGFiZWw/ContentProducer/Q29udGVudFByb2R1Y2Vy/ProduceID/"
     "UHJvZHVjZUlE/ReservedCode1/UmVzZXJ2ZWRDb2RlMQ/ContentPropagator/Q29udGVudFByb3BhZ2F0b3I",
     upload, errc::none, "", "cos-python-sdk-v5 demo/ci_template.py"},
    {"imageMogr2",
     "imageMogr2/AIGCMetadata/Label/bGFiZWw=/ProduceID/UHJvZHVjZUlE/|watermark/2/text/"
     "dGVzdA==",
     cloud, errc::none,
     "imageMogr2/AIGCMetadata/Label/bGFiZWw/ProduceID/UHJvZHVjZUlE|watermark/2/text/dGVzdA",
     "cos-go-sdk-v5 example/CI/image_process/base_process.go (padding, trailing '/')"},
    {"imageMogr2", "imageMogr2/AIGCMetadata/ContentProducer/Q29udGVudFByb2R1Y2Vy", upload,
     errc::missing_parameter, "", "cos-java-sdk-v5 AIGCOptionalParamsTest (Label required)"},
    {"imageMogr2", "imageMogr2/AIGCMetadata/Label/bGFiZWw", url, errc::misplaced_operation, "",
     "COS 添加 AIGC 图片元数据标识 (upload and cloud processing)"},
    // --- imageView2 ---------------------------------------------------------------------------
    {"imageView2", "imageView2/1/w/400/h/600/q/85", url, errc::none, "", "CI 快速缩略模板"},
    {"imageView2", "imageView2/format/png", upload, errc::none, "", "CI 图片持久化处理"},
    {"imageView2", "imageView2/6/w/100", url, errc::invalid_enum_value, "",
     "CI 快速缩略模板 (modes 1-5)"},
    // --- watermark/1 --------------------------------------------------------------------------
    {"watermark/1", "watermark/1/image/" OBJPROC_TEST_WM_URL "/gravity/southeast", url, errc::none,
     "", "CI 图片水印 case 1"},
    {"watermark/1",
     "watermark/1/image/" OBJPROC_TEST_WM_URL "/gravity/southeast/batch/1/degree/45/dissolve/40/",
     url, errc::none,
     "watermark/1/image/" OBJPROC_TEST_WM_URL "/gravity/southeast/batch/1/degree/45/dissolve/40",
     "CI 图片水印 case 2 (trailing '/')"},
    {"watermark/1", "watermark/1/image/xxxxxxx/scatype/3/spcent/250", url,
     errc::invalid_base64_value, "", "CI 图片水印 spcent row (placeholder)"},
    {"watermark/1", "watermark/1/image/" OBJPROC_TEST_WM_URL "/scatype/3/spcent/251", url,
     errc::value_out_of_range, "", "CI 图片水印 (1-250 with scatype 3)"},
    // --- watermark/2 --------------------------------------------------------------------------
    {"watermark/2",
     "watermark/2/text/6IW-6K6v5LqRwrfkuIfosaHkvJjlm74/fill/IzNEM0QzRA/fontsize/20/dissolve/50/"
     "gravity/northeast/dx/20/dy/20/batch/1/degree/45",
     url, errc::none, "", "CI 文字水印 case 1"},
    {"watermark/2", "watermark/2/text/5paH5qGj6aKE6KeI/fontsize/20/gravity/NorthEast", cloud,
     errc::none, "watermark/2/text/5paH5qGj6aKE6KeI/fontsize/20/gravity/northeast",
     "cos-go-sdk-v5 example/CI/doc_preview/job.go"},
    {"watermark/2",
     "imageMogr2/thumbnail/!50p|watermark/2/text/5pWw5o2u5LiH6LGh/fill/I0ZGRkZGRg==/fontsize/30/"
     "dx/20/dy/20",
     url, errc::none,
     "imageMogr2/thumbnail/!50p|watermark/2/text/5pWw5o2u5LiH6LGh/fill/I0ZGRkZGRg/fontsize/30/"
     "dx/20/dy/20",
     "CI 管道操作符"},
    {"watermark/2", "watermark/2/text/dGVzdFdhdGVyTWFyaw==/fillIzNEM0QzRA==/fontsize/20", upload,
     errc::unknown_parameter, "", "cos-python-sdk-v5 demo/ci_image.py (missing '/')"},
    // --- watermark/3 --------------------------------------------------------------------------
    {"watermark/3", "watermark/3/type/1/image/" OBJPROC_TEST_WM_URL, upload, errc::none, "",
     "CI 盲水印 upload sample"},
    {"watermark/3", "watermark/3/type/3/text/dGVuY2VudCBjbG91ZA==", url, errc::none,
     "watermark/3/type/3/text/dGVuY2VudCBjbG91ZA", "CI 盲水印 请求二 (download)"},
    {"watermark/3", "watermark/3/type/3/text/5L2g5aW95LiH6LGh/version/3.0", cloud, errc::none, "",
     "cos-go-sdk-v5 example/CI/image_process/base_process.go"},
    {"watermark/3", "watermark/3/type/3/text/bWFyayB0ZXN0/version/3.0", upload, errc::none, "",
     "cos-java-sdk-v5 demo/ci/BlindWatermarkDemo.java"},
    {"watermark/3", "watermark/3/type/2/image/" OBJPROC_TEST_WM_URL "/level/0", upload, errc::none,
     "", "COS 图片盲水印 version table (level 0-3, type 2 v1.0)"},
    {"watermark/3", "watermark/3/type/3/text/dA/version/2.0/level/3", upload, errc::none, "",
     "COS 图片盲水印 version table (type 3 v2.0)"},
    {"watermark/3", "watermark/3/type/2/image/aHR0cHM6Ly9hLmNvbS94LmpwZw", upload,
     errc::invalid_base64_value, "", "CI 盲水印 (http:// only; Java demo uses https)"},
    {"watermark/3", "watermark/3/type/2/image/" OBJPROC_TEST_WM_URL "/version/3.0", upload,
     errc::conflicting_parameters, "", "COS 图片盲水印 version table (type 2: 1.0, 2.0)"},
    {"watermark/3", "watermark/3/type/3/text/dA/version/4.0", upload, errc::invalid_enum_value, "",
     "COS 图片盲水印 version table"},
    // --- watermark/4 --------------------------------------------------------------------------
    {"watermark/4",
     "watermark/4/type/2/image/"
     "aHR0cDovL2V4YW1wbGVzLTEyNTEwMDAwMDQucGljc2gubXlxY2xvdWQuY29tL2ZpbGVuYW1lLmpwZWc=",
     upload, errc::none,
     "watermark/4/type/2/image/"
     "aHR0cDovL2V4YW1wbGVzLTEyNTEwMDAwMDQucGljc2gubXlxY2xvdWQuY29tL2ZpbGVuYW1lLmpwZWc",
     "CI 盲水印 提取 sample"},
    {"watermark/4", "watermark/4/type/3/version/3.0", cloud, errc::none, "",
     "cos-go-sdk-v5 base_process.go; cos-java-sdk-v5 BlindWatermarkDemo.java"},
    {"watermark/4", "watermark/4/type/3", cloud, errc::none, "",
     "cos-cpp-sdk-v5 demo/image_process_demo/image_process_demo.cpp"},
    {"watermark/4", "watermark/4/type/3", url, errc::misplaced_operation, "",
     "CI 盲水印: 不支持下载时提取盲水印"},
    // --- QRcode -------------------------------------------------------------------------------
    {"QRcode", "QRcode/cover/1", upload, errc::none, "",
     "CI 二维码识别; cos-cpp-sdk-v5 unittest/src/object_media_test.cpp"},
    {"QRcode", "QRcode/cover/0", upload, errc::none, "", "cos-python-sdk-v5 ut/test.py"},
    {"QRcode", "QRcode/cover/0/bar-type/1/segment/1/size/1000", upload, errc::none, "",
     "CI 二维码识别 (current template)"},
    {"QRcode", "QRcode/cover/2", upload, errc::invalid_enum_value, "", "CI 二维码识别 (0 or 1)"},
    {"QRcode", "QRcode/cover/0/segment/1/size/400", upload, errc::value_out_of_range, "",
     "CI 二维码识别 (size at least 500)"},
    {"QRcode", "QRcode/cover/0/size/1000", upload, errc::missing_parameter, "",
     "CI 二维码识别 (size only with segment 1)"},
    {"QRcode", "QRcode/cover/1/segmente/1", upload, errc::unknown_parameter, "",
     "cos-php-sdk-v5 ImageQrcodeTemplate.php (typo)"},
    {"QRcode", "QRcode/cover/1", url, errc::misplaced_operation, "",
     "CI 二维码识别 (download uses ci-process=QRcode)"},
    {"QRcode", "QRcode/cover/1", cloud, errc::misplaced_operation, "",
     "CI 二维码识别 (cloud processing not documented)"},
    // --- imageSlim ----------------------------------------------------------------------------
    {"imageSlim", "imageSlim", url, errc::none, "", "CI 通过 API 使用极智压缩"},
    {"imageSlim", "imageSlim", upload, errc::none, "",
     "CI 通过 API 使用极智压缩; cos-go-sdk-v5 compression.go"},
    {"imageSlim", "imageSlim", cloud, errc::none, "", "cos-java-sdk-v5 demo/ci/ImageSlimDemo.java"},
    {"imageSlim", "imageSlim/quality/80", url, errc::unknown_parameter, "",
     "CI 通过 API 使用极智压缩 (no parameters)"},
    // --- imageInfo, exif, imageAve ------------------------------------------------------------
    {"imageInfo", "imageInfo", url, errc::none, "", "CI 获取图片基本信息"},
    {"imageInfo", "imageInfo", upload, errc::misplaced_operation, "",
     "CI 获取图片基本信息 (download only; is_pic_info on upload)"},
    {"imageInfo", "imageMogr2/strip|imageInfo", url, errc::misplaced_operation, "",
     "CI 获取图片基本信息 (a query, not a pipeline stage)"},
    {"exif", "exif", url, errc::none, "", "CI 获取图片 EXIF"},
    {"exif", "exif", cloud, errc::misplaced_operation, "", "CI 获取图片 EXIF (download only)"},
    {"exif", "exif/1", url, errc::unknown_parameter, "", "CI 获取图片 EXIF (no parameters)"},
    {"imageAve", "imageAve", url, errc::none, "", "CI 获取图片主色调"},
    {"imageAve", "imageAve", upload, errc::misplaced_operation, "",
     "CI 获取图片主色调 (download only)"},
    {"imageAve", "imageave", url, errc::unknown_operation, "", "CI 获取图片主色调 (case)"},
    // --- style --------------------------------------------------------------------------------
    {"style", "style/test", upload, errc::none, "", "CI 图片持久化处理"},
    {"style", "style/test", url, errc::misplaced_operation, "",
     "CI 图片持久化处理 (Pic-Operations only)"},
    {"style", "style/a/b", upload, errc::misplaced_operation, "", "style names have no '/'"},
    // --- not rule syntax ----------------------------------------------------------------------
    {"ci-process", "ci-process=AIImageCrop&width=200&height=150", upload, errc::unknown_operation,
     "", "cos-go-sdk-v5 example/CI/ai_recognition (use unchecked_rule)"},
};

#undef OBJPROC_TEST_WM_URL

}  // namespace

TEST_CASE("documented CI rule strings, per operation and carrier", "[cos][rule][vocabulary]") {
  std::map<std::string_view, std::pair<int, int>> per_op;  // valid, invalid
  for (const example& e : examples) {
    INFO(e.text << "  [" << e.source << "]  carrier " << static_cast<int>(e.where));
    const auto r = parse_rule(e.text, e.where);
    if (e.code == errc::none) {
      ++per_op[e.op].first;
      if (!r) FAIL(objproc::render_diagnostic(e.text, r.error()));
      CHECK(r->view() == (e.canonical.empty() ? e.text : e.canonical));
      // Canonical text is a fixed point, and a rule valid for one carrier is valid for `any`.
      CHECK(parse_rule(r->view(), e.where).value() == *r);
      CHECK(parse_rule(e.text, any).has_value());
      CHECK(r->check_placement(e.where).has_value());
    } else {
      ++per_op[e.op].second;
      REQUIRE_FALSE(r.has_value());
      CHECK(r.error().code == e.code);
    }
  }
  // At least three documented strings per operation, valid and invalid ones.
  for (const auto& [op, counts] : per_op) {
    INFO(op);
    if (op == "ci-process") continue;
    CHECK(counts.first + counts.second >= 3);
    CHECK(counts.first >= 1);
    CHECK(counts.second >= 1);
  }
}

namespace {

// What check_placement answered before it read the parse's facts: the canonical text parsed
// again for the carrier, strictly or as unchecked_rule does.
constexpr objproc::result<void> placement_by_parsing_again(const objproc::cos::rule& r,
                                                           rule_carrier where) {
  if (r.has_error()) return r.error();
  if (r.empty()) return {};
  const auto again = r.is_unchecked() ? objproc::cos::unchecked_rule(r.view(), where)
                                      : parse_rule(r.view(), where);
  if (!again) return again.error();
  return {};
}

// For `text` parsed strictly and unchecked (where it parses), in every carrier: the same
// answer, the same errc, offset and detail. Counts the refusals compared.
constexpr bool placement_agrees(std::string_view text, std::size_t& refusals) {
  for (const bool unchecked : {false, true}) {
    const auto r = unchecked ? objproc::cos::unchecked_rule(text) : parse_rule(text);
    if (!r) continue;
    for (int w = 0; w <= static_cast<int>(rule_carrier::persistent); ++w) {
      const auto where = static_cast<rule_carrier>(w);
      const auto read = r->check_placement(where);
      const auto parsed = placement_by_parsing_again(*r, where);
      if (read.has_value() != parsed.has_value()) return false;
      if (!read.has_value() && !(read.error() == parsed.error())) return false;
      refusals += read.has_value() ? 0U : 1U;
    }
  }
  return true;
}

// At compile time in slices of a few examples: each slice is its own constant evaluation, so
// no compiler's step limit (clang: 2^20 per evaluation) decides whether the table fits.
constexpr std::size_t slice_size = 4;
constexpr std::size_t slice_count = (std::size(examples) + slice_size - 1) / slice_size;

constexpr bool slice_agrees(std::size_t slice) {
  std::size_t refusals = 0;
  for (std::size_t i = slice * slice_size; i < std::size(examples) && i < (slice + 1) * slice_size;
       ++i)
    if (!placement_agrees(examples[i].text, refusals)) return false;
  return true;
}
template <std::size_t Slice>
constexpr bool slice_agrees_v = slice_agrees(Slice);

template <std::size_t... Slices>
constexpr bool every_documented_placement_agrees(std::index_sequence<Slices...>) {
  return (slice_agrees_v<Slices> && ...);
}

}  // namespace

TEST_CASE("check_placement answers from the parse's facts as parsing again did",
          "[cos][rule][facts]") {
  std::size_t refusals = 0;
  std::size_t valid = 0;
  for (const example& e : examples) {
    INFO(e.text);
    CHECK(placement_agrees(e.text, refusals));
    valid += parse_rule(e.text).has_value() ? 1U : 0U;
  }
  // The table exercises both answers.
  CHECK(valid >= 50);
  CHECK(refusals >= 20);
  STATIC_REQUIRE(every_documented_placement_agrees(std::make_index_sequence<slice_count>{}));
}
