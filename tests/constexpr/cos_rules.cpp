// SPDX-License-Identifier: MIT
// Every CI rule builder's canonical text, checked at compile time (and at run time in the
// runtime twin of this executable): each thumbnail form, each builder field, the COS examples of
// style-spec §10 reproduced by builders, pipelines, and what a rule's parse records for
// check_placement.
#include <catch2/catch.hpp>

#include <array>
#include <cstdint>
#include <string_view>

#include "objproc/cos/builder.hpp"
#include "objproc/cos/image_mogr2.hpp"
#include "objproc/cos/image_view2.hpp"
#include "objproc/cos/rule.hpp"
#include "objproc/cos/watermark.hpp"

// Not "cos": an alias of that name clashes with ::cos from <cmath>.
namespace ci = objproc::cos;
using namespace std::string_view_literals;

namespace {
// `text` parses to exactly the rule the builder made.
constexpr bool parses_as(std::string_view text, const ci::rule& built) {
  const auto parsed = ci::parse_rule(text);
  return parsed.has_value() && *parsed == built;
}
// `documented` parses, and to the same "/key/value" pairs as the builder's rule, in any order
// (one rule of key/value pairs: no flags, no imageView2 mode).
constexpr bool same_parameters(std::string_view documented, const ci::rule& built,
                               std::string_view op) {
  const auto parsed = ci::parse_rule(documented);
  if (!parsed || built.has_error()) return false;
  const std::string_view a = parsed->view();
  const std::string_view b = built.view();
  if (a.size() != b.size() || a.substr(0, op.size()) != op || b.substr(0, op.size()) != op)
    return false;
  std::size_t pairs = 0;
  for (std::size_t at = op.size(); at < a.size(); ++pairs) {
    const std::size_t value = a.find('/', at + 1);
    const std::size_t end = value == std::string_view::npos ? a.size() : a.find('/', value + 1);
    const std::string_view pair =
        a.substr(at, (end == std::string_view::npos ? a.size() : end) - at);
    const std::size_t found = b.find(pair);
    if (found == std::string_view::npos) return false;
    const std::size_t after = found + pair.size();
    if (after != b.size() && b[after] != '/') return false;
    at = end == std::string_view::npos ? a.size() : end;
  }
  return pairs > 0;
}
}  // namespace

TEST_CASE("thumbnail: every geometry form", "[constexpr][cos][builder]") {
  using ci::thumbnail;
  STATIC_REQUIRE(ci::image_mogr2{.thumbnail = thumbnail::percent(50)}.str() ==
                 "imageMogr2/thumbnail/!50p"sv);
  STATIC_REQUIRE(ci::image_mogr2{.thumbnail = thumbnail::width_percent(50)}.str() ==
                 "imageMogr2/thumbnail/!50px"sv);
  STATIC_REQUIRE(ci::image_mogr2{.thumbnail = thumbnail::height_percent(50)}.str() ==
                 "imageMogr2/thumbnail/!x50p"sv);
  STATIC_REQUIRE(ci::image_mogr2{.thumbnail = thumbnail::width(200)}.str() ==
                 "imageMogr2/thumbnail/200x"sv);
  STATIC_REQUIRE(ci::image_mogr2{.thumbnail = thumbnail::height(300)}.str() ==
                 "imageMogr2/thumbnail/x300"sv);
  STATIC_REQUIRE(ci::image_mogr2{.thumbnail = thumbnail::fit(200, 300)}.str() ==
                 "imageMogr2/thumbnail/200x300"sv);
  STATIC_REQUIRE(ci::image_mogr2{.thumbnail = thumbnail::shrink_only(200, 300)}.str() ==
                 "imageMogr2/thumbnail/200x300>"sv);
  STATIC_REQUIRE(ci::image_mogr2{.thumbnail = thumbnail::enlarge_only(200, 300)}.str() ==
                 "imageMogr2/thumbnail/200x300<"sv);
  STATIC_REQUIRE(ci::image_mogr2{.thumbnail = thumbnail::cover(200, 300)}.str() ==
                 "imageMogr2/thumbnail/!200x300r"sv);
  STATIC_REQUIRE(ci::image_mogr2{.thumbnail = thumbnail::exact(200, 300)}.str() ==
                 "imageMogr2/thumbnail/200x300!"sv);
  STATIC_REQUIRE(ci::image_mogr2{.thumbnail = thumbnail::area(35000)}.str() ==
                 "imageMogr2/thumbnail/35000@"sv);
  STATIC_REQUIRE(!thumbnail{}.present());
}

TEST_CASE("imageMogr2: every field, in the documented render order", "[constexpr][cos][builder]") {
  STATIC_REQUIRE(ci::image_mogr2{.auto_orient = true}.str() == "imageMogr2/auto-orient"sv);
  STATIC_REQUIRE(ci::image_mogr2{.thumbnail = ci::thumbnail::fit(600, 600), .pad = false}.str() ==
                 "imageMogr2/thumbnail/600x600/pad/0"sv);
  STATIC_REQUIRE(ci::image_mogr2{.cut = {.w = 600, .h = 600}}.str() ==
                 "imageMogr2/cut/600x600x0x0"sv);
  STATIC_REQUIRE(ci::image_mogr2{.crop = {.w = 300}}.str() == "imageMogr2/crop/300x"sv);
  STATIC_REQUIRE(ci::image_mogr2{.crop = {.h = 400}}.str() == "imageMogr2/crop/x400"sv);
  STATIC_REQUIRE(
      ci::image_mogr2{
          .crop = {.w = 300, .h = 400}, .gravity = ci::gravity::northwest, .dx = 10, .dy = -20}
          .str() == "imageMogr2/crop/300x400/gravity/northwest/dx/10/dy/-20"sv);
  STATIC_REQUIRE(ci::image_mogr2{.rotate = 90, .flip = ci::flip_direction::horizontal}.str() ==
                 "imageMogr2/rotate/90/flip/horizontal"sv);
  STATIC_REQUIRE(ci::image_mogr2{.format = ci::image_format::gif, .cgif = 20}.str() ==
                 "imageMogr2/format/gif/cgif/20"sv);
  STATIC_REQUIRE(ci::image_mogr2{.format = ci::image_format::jpg,
                                 .interlace = true,
                                 .quality = {.value = 90, .forced = true}}
                     .str() == "imageMogr2/format/jpg/interlace/1/quality/90!"sv);
  STATIC_REQUIRE(ci::image_mogr2{.quality = {.value = 0}, .rquality = 80, .lquality = 60}.str() ==
                 "imageMogr2/quality/0/rquality/80/lquality/60"sv);
  STATIC_REQUIRE(ci::image_mogr2{.size_limit = {.amount = 2, .unit = ci::size_unit::m}}.str() ==
                 "imageMogr2/size-limit/2m"sv);
  STATIC_REQUIRE(
      ci::image_mogr2{.thumbnail = ci::thumbnail::percent(50), .ignore_error = true}.str() ==
      "imageMogr2/thumbnail/!50p/ignore-error/1"sv);
  // Every format name.
  STATIC_REQUIRE(ci::image_mogr2{.format = ci::image_format::png}.str() ==
                 "imageMogr2/format/png"sv);
  STATIC_REQUIRE(ci::image_mogr2{.format = ci::image_format::bmp}.str() ==
                 "imageMogr2/format/bmp"sv);
  STATIC_REQUIRE(ci::image_mogr2{.format = ci::image_format::webp}.str() ==
                 "imageMogr2/format/webp"sv);
  STATIC_REQUIRE(ci::image_mogr2{.format = ci::image_format::tiff}.str() ==
                 "imageMogr2/format/tiff"sv);
  STATIC_REQUIRE(ci::image_mogr2{.format = ci::image_format::yjpeg}.str() ==
                 "imageMogr2/format/yjpeg"sv);
  STATIC_REQUIRE(ci::image_mogr2{.format = ci::image_format::apng}.str() ==
                 "imageMogr2/format/apng"sv);
  STATIC_REQUIRE(ci::image_mogr2{.format = ci::image_format::heif}.str() ==
                 "imageMogr2/format/heif"sv);
  STATIC_REQUIRE(ci::image_mogr2{.format = ci::image_format::heic}.str() ==
                 "imageMogr2/format/heic"sv);
  STATIC_REQUIRE(ci::image_mogr2{.format = ci::image_format::tpg}.str() ==
                 "imageMogr2/format/tpg"sv);
  STATIC_REQUIRE(ci::image_mogr2{.format = ci::image_format::psd}.str() ==
                 "imageMogr2/format/psd"sv);
  // Every field at once: the whole render order.
  STATIC_REQUIRE(ci::image_mogr2{.auto_orient = true,
                                 .thumbnail = ci::thumbnail::fit(600, 600),
                                 .pad = true,
                                 .color = 0xFFFFFF,
                                 .cut = {.w = 500, .h = 500, .dx = 1, .dy = 2},
                                 .crop = {.w = 300, .h = 400},
                                 .gravity = ci::gravity::southeast,
                                 .dx = 5,
                                 .dy = 6,
                                 .scrop = {.w = 100, .h = 100},
                                 .iradius = 40,
                                 .rradius = 30,
                                 .rotate = 360,
                                 .flip = ci::flip_direction::vertical,
                                 .blur = {.radius = 50, .sigma = 1},
                                 .sharpen = 300,
                                 .bright = -100,
                                 .contrast = 100,
                                 .grayscale = false,
                                 .strip = true,
                                 .format = ci::image_format::jpg,
                                 .cgif = 100,
                                 .interlace = false,
                                 .quality = {.value = 100},
                                 .rquality = 0,
                                 .lquality = 100,
                                 .size_limit = {.amount = 15, .forced = true},
                                 .ignore_error = true}
                     .str() ==
                 "imageMogr2/auto-orient/thumbnail/600x600/pad/1/color/I0ZGRkZGRg/cut/500x500x1x2/"
                 "crop/300x400/gravity/southeast/dx/5/dy/6/scrop/100x100/iradius/40/rradius/30/"
                 "rotate/360/flip/vertical/blur/50x1/sharpen/300/bright/-100/contrast/100/"
                 "grayscale/0/strip/format/jpg/cgif/100/interlace/0/quality/100/rquality/0/"
                 "lquality/100/size-limit/15k!/ignore-error/1"sv);
}

TEST_CASE("imageMogr2: the COS examples of style-spec §10", "[constexpr][cos][builder]") {
  using ci::image_mogr2;
  STATIC_REQUIRE(image_mogr2{.thumbnail = ci::thumbnail::exact(200, 400)}.str() ==
                 "imageMogr2/thumbnail/200x400!"sv);
  STATIC_REQUIRE(
      image_mogr2{.thumbnail = ci::thumbnail::fit(600, 600), .pad = true, .color = 0x3D3D3D}
          .str() == "imageMogr2/thumbnail/600x600/pad/1/color/IzNEM0QzRA"sv);
  STATIC_REQUIRE(image_mogr2{.cut = {.w = 600, .h = 600, .dx = 100, .dy = 10}}.str() ==
                 "imageMogr2/cut/600x600x100x10"sv);
  STATIC_REQUIRE(image_mogr2{.crop = {.w = 300, .h = 400}, .gravity = ci::gravity::center}.str() ==
                 "imageMogr2/crop/300x400/gravity/center"sv);
  STATIC_REQUIRE(image_mogr2{.iradius = 200}.str() == "imageMogr2/iradius/200"sv);
  STATIC_REQUIRE(image_mogr2{.rradius = 100}.str() == "imageMogr2/rradius/100"sv);
  STATIC_REQUIRE(image_mogr2{.scrop = {.w = 100, .h = 600}}.str() == "imageMogr2/scrop/100x600"sv);
  STATIC_REQUIRE(image_mogr2{.blur = {.radius = 8, .sigma = 5}}.str() == "imageMogr2/blur/8x5"sv);
  STATIC_REQUIRE(image_mogr2{.sharpen = 70}.str() == "imageMogr2/sharpen/70"sv);
  STATIC_REQUIRE(image_mogr2{.bright = 70}.str() == "imageMogr2/bright/70"sv);
  STATIC_REQUIRE(image_mogr2{.contrast = -50}.str() == "imageMogr2/contrast/-50"sv);
  STATIC_REQUIRE(image_mogr2{.grayscale = true}.str() == "imageMogr2/grayscale/1"sv);
  STATIC_REQUIRE(image_mogr2{.strip = true,
                             .format = ci::image_format::jpg,
                             .size_limit = {.amount = 15, .forced = true}}
                     .str() == "imageMogr2/strip/format/jpg/size-limit/15k!"sv);
  STATIC_REQUIRE(image_mogr2{.format = ci::image_format::avif}.str() == "imageMogr2/format/avif"sv);
  STATIC_REQUIRE(parses_as("imageMogr2/strip/format/jpg/size-limit/15k!",
                           image_mogr2{.strip = true,
                                       .format = ci::image_format::jpg,
                                       .size_limit = {.amount = 15, .forced = true}}
                               .str()));
}

TEST_CASE("imageView2", "[constexpr][cos][builder]") {
  STATIC_REQUIRE(ci::image_view2{.mode = 1, .w = 400, .h = 600, .q = {.value = 85}}.str() ==
                 "imageView2/1/w/400/h/600/q/85"sv);
  // The mode-less form of the persistent-processing example.
  STATIC_REQUIRE(ci::image_view2{.format = ci::view_format::png}.str() ==
                 "imageView2/format/png"sv);
  STATIC_REQUIRE(ci::image_view2{.mode = 5,
                                 .w = 100,
                                 .format = ci::view_format::webp,
                                 .q = {.value = 90, .forced = true},
                                 .rq = 80,
                                 .lq = 70,
                                 .ignore_error = true}
                     .str() == "imageView2/5/w/100/format/webp/q/90!/rq/80/lq/70/ignore-error/1"sv);
  STATIC_REQUIRE(ci::image_view2{.mode = 2, .h = 10, .format = ci::view_format::jpg}.str() ==
                 "imageView2/2/h/10/format/jpg"sv);
  STATIC_REQUIRE(ci::image_view2{.mode = 3, .format = ci::view_format::bmp}.str() ==
                 "imageView2/3/format/bmp"sv);
  STATIC_REQUIRE(ci::image_view2{.mode = 4, .format = ci::view_format::gif}.str() ==
                 "imageView2/4/format/gif"sv);
}

TEST_CASE("watermarks encode their text, URL and colour values", "[constexpr][cos][builder]") {
  // §10: the image watermark (this builder's order is the documented one).
  constexpr std::string_view image_url =
      "http://examples-1251000004.picsh.myqcloud.com/shuiyin.jpg";
  STATIC_REQUIRE(ci::image_watermark{.image = image_url,
                                     .gravity = ci::gravity::southeast,
                                     .batch = true,
                                     .degree = 45,
                                     .dissolve = 40}
                     .str() ==
                 "watermark/1/image/"
                 "aHR0cDovL2V4YW1wbGVzLTEyNTEwMDAwMDQucGljc2gubXlxY2xvdWQuY29tL3NodWl5aW4uanBn/"
                 "gravity/southeast/batch/1/degree/45/dissolve/40"sv);
  STATIC_REQUIRE(ci::image_watermark{.image = image_url,
                                     .dx = 10,
                                     .dy = 20,
                                     .blogo = ci::logo_fit::crop,
                                     .scatype = ci::scale_by::area,
                                     .spcent = 250,
                                     .ignore_error = true}
                     .str() ==
                 "watermark/1/image/"
                 "aHR0cDovL2V4YW1wbGVzLTEyNTEwMDAwMDQucGljc2gubXlxY2xvdWQuY29tL3NodWl5aW4uanBn/"
                 "dx/10/dy/20/blogo/2/scatype/3/spcent/250/ignore-error/1"sv);
  // §8.7: the text watermark example.
  STATIC_REQUIRE(ci::text_watermark{.text = "腾讯云·万象优图",
                                    .fill = 0x3D3D3D,
                                    .fontsize = 20,
                                    .dissolve = 50,
                                    .gravity = ci::gravity::northeast,
                                    .dx = 20,
                                    .dy = 20,
                                    .batch = true,
                                    .degree = 45}
                     .str() ==
                 "watermark/2/text/6IW-6K6v5LqRwrfkuIfosaHkvJjlm74/fill/IzNEM0QzRA/fontsize/20/"
                 "dissolve/50/gravity/northeast/dx/20/dy/20/batch/1/degree/45"sv);
  STATIC_REQUIRE(
      ci::text_watermark{
          .text = "testWaterMark", .font = "SimHei.ttf", .shadow = 50, .ignore_error = true}
          .str() ==
      "watermark/2/text/dGVzdFdhdGVyTWFyaw/font/U2ltSGVpLnR0Zg/shadow/50/ignore-error/1"sv);
  // A '/', '|' or quote in the text cannot break out of its value: it is encoded.
  STATIC_REQUIRE(ci::text_watermark{.text = "a/b|c\"d'e"}.str() ==
                 "watermark/2/text/YS9ifGMiZCdl"sv);
  // Blind watermarks (§10: watermark/3/type/1/image/<b64>, watermark/4/type/2/image/<b64>).
  constexpr std::string_view mark =
      "http://examplebucket-1250000000.cos.ap-shanghai.myqcloud.com/shuiyin_2.png";
  STATIC_REQUIRE(ci::blind_watermark{.type = ci::blind_type::semi_blind, .image = mark}.str() ==
                 "watermark/3/type/1/image/"
                 "aHR0cDovL2V4YW1wbGVidWNrZXQtMTI1MDAwMDAwMC5jb3MuYXAtc2hhbmdo"
                 "YWkubXlxY2xvdWQuY29tL3NodWl5aW5fMi5wbmc"sv);
  STATIC_REQUIRE(
      ci::blind_watermark{.type = ci::blind_type::full_blind, .image = mark, .level = 3}.str() ==
      "watermark/3/type/2/image/"
      "aHR0cDovL2V4YW1wbGVidWNrZXQtMTI1MDAwMDAwMC5jb3MuYXAtc2hhbmdo"
      "YWkubXlxY2xvdWQuY29tL3NodWl5aW5fMi5wbmc/level/3"sv);
  STATIC_REQUIRE(ci::blind_watermark{.type = ci::blind_type::text, .text = "testWaterMark"}.str() ==
                 "watermark/3/type/3/text/dGVzdFdhdGVyTWFyaw"sv);
  STATIC_REQUIRE(
      ci::extract_blind_watermark{.type = ci::blind_type::full_blind, .image = mark}.str() ==
      "watermark/4/type/2/image/"
      "aHR0cDovL2V4YW1wbGVidWNrZXQtMTI1MDAwMDAwMC5jb3MuYXAtc2hhbmdo"
      "YWkubXlxY2xvdWQuY29tL3NodWl5aW5fMi5wbmc"sv);
  STATIC_REQUIRE(ci::extract_blind_watermark{.type = ci::blind_type::text}.str() ==
                 "watermark/4/type/3"sv);
}

TEST_CASE("pipelines join rules with '|'", "[constexpr][cos][builder]") {
  // §10: the documented text has fill/I0ZGRkZGRg== (padded); the canonical rule drops '='.
  constexpr auto pipeline =
      ci::image_mogr2{.thumbnail = ci::thumbnail::percent(50)} |
      ci::text_watermark{.text = "数据万象", .fill = 0xFFFFFF, .fontsize = 30, .dx = 20, .dy = 20};
  STATIC_REQUIRE(pipeline ==
                 "imageMogr2/thumbnail/!50p|watermark/2/text/5pWw5o2u5LiH6LGh/fill/"
                 "I0ZGRkZGRg/fontsize/30/dx/20/dy/20"sv);
  STATIC_REQUIRE(pipeline.rules() == 2);
  STATIC_REQUIRE(
      parses_as("imageMogr2/thumbnail/!50p|watermark/2/text/5pWw5o2u5LiH6LGh/fill/"
                "I0ZGRkZGRg==/fontsize/30/dx/20/dy/20",
                pipeline));
  // rule | builder, builder | rule, rule | rule, and rule{} as the identity.
  constexpr auto mogr = ci::image_mogr2{.format = ci::image_format::png}.str();
  constexpr auto view = ci::image_view2{.mode = 2, .w = 100}.str();
  STATIC_REQUIRE((mogr | ci::image_view2{.mode = 2, .w = 100}) ==
                 "imageMogr2/format/png|imageView2/2/w/100"sv);
  STATIC_REQUIRE((ci::image_view2{.mode = 2, .w = 100} | mogr) ==
                 "imageView2/2/w/100|imageMogr2/format/png"sv);
  STATIC_REQUIRE((mogr | view | mogr) ==
                 "imageMogr2/format/png|imageView2/2/w/100|imageMogr2/format/png"sv);
  STATIC_REQUIRE((ci::rule{} | mogr) == mogr);
  STATIC_REQUIRE((mogr | ci::rule{}) == mogr);
  STATIC_REQUIRE((mogr | view | mogr | view | mogr | view | mogr | view | mogr | view).rules() ==
                 10);
  // A builder joins a parsed rule or a checked literal's rule.
  STATIC_REQUIRE((ci::rule_string("style/thumb").get() | mogr) ==
                 "style/thumb|imageMogr2/format/png"sv);
  // The documented example in another key order: same parameters, and the builder's text.
  constexpr auto tiled =
      ci::image_watermark{.image = "http://examples-1251000004.picsh.myqcloud.com/shuiyin.jpg",
                          .gravity = ci::gravity::southeast,
                          .batch = true,
                          .degree = 45,
                          .dissolve = 40}
          .str();
  STATIC_REQUIRE(
      same_parameters("watermark/1/image/"
                      "aHR0cDovL2V4YW1wbGVzLTEyNTEwMDAwMDQucGljc2gubXlxY2xvdWQuY29tL3"
                      "NodWl5aW4uanBn/dissolve/40/gravity/SouthEast/degree/45/batch/1",
                      tiled, "watermark/1"));
  STATIC_REQUIRE(
      !same_parameters("watermark/1/image/"
                       "aHR0cDovL2V4YW1wbGVzLTEyNTEwMDAwMDQucGljc2gubXlxY2xvdWQuY29tL3"
                       "NodWl5aW4uanBn/dissolve/41/gravity/SouthEast/degree/45/batch/1",
                       tiled, "watermark/1"));
}

TEST_CASE("issue 12 vocabulary at compile time: carriers, new operations, unchecked rules",
          "[constexpr][cos]") {
  using ci::rule_carrier;
  constexpr auto code_of = [](std::string_view text, rule_carrier where) {
    const auto r = ci::parse_rule(text, where);
    return r ? objproc::errc::none : r.error().code;
  };
  STATIC_REQUIRE(code_of("QRcode/cover/1", rule_carrier::upload) == objproc::errc::none);
  STATIC_REQUIRE(code_of("QRcode/cover/1", rule_carrier::download_url) ==
                 objproc::errc::misplaced_operation);
  STATIC_REQUIRE(code_of("watermark/4/type/3/version/3.0", rule_carrier::download_url) ==
                 objproc::errc::misplaced_operation);
  STATIC_REQUIRE(code_of("imageAve", rule_carrier::download_url) == objproc::errc::none);
  STATIC_REQUIRE(code_of("imageAve", rule_carrier::upload) == objproc::errc::misplaced_operation);
  STATIC_REQUIRE(code_of("imageSlim", rule_carrier::cloud_process) == objproc::errc::none);
  STATIC_REQUIRE(code_of("imageMogr2/cut/300x300", rule_carrier::cloud_process) ==
                 objproc::errc::none);
  STATIC_REQUIRE(ci::parse_rule("imageMogr2/thumbnail/200x/|imageMogr2/format/svgc/")->view() ==
                 "imageMogr2/thumbnail/200x|imageMogr2/format/svgc"sv);
  STATIC_REQUIRE(parses_as("watermark/3/type/3/text/dA/version/3.0/level/2",
                           ci::blind_watermark{.type = ci::blind_type::text,
                                               .text = "t",
                                               .level = 2,
                                               .version = ci::blind_version::v3_0}
                               .str()) == false);  // the builder writes level before version
  STATIC_REQUIRE(parses_as(
      "watermark/3/type/3/text/dA/level/2/version/3.0",
      ci::blind_watermark{
          .type = ci::blind_type::text, .text = "t", .level = 2, .version = ci::blind_version::v3_0}
          .str()));
  STATIC_REQUIRE(ci::unchecked_rule("ci-process=AIImageColoring")->is_unchecked());
  STATIC_REQUIRE(!ci::unchecked_rule("a/b\r\n").has_value());
}

TEST_CASE("the parse records where a rule may run; check_placement reads it",
          "[constexpr][cos][facts]") {
  using ci::rule_carrier;
  constexpr std::size_t none = objproc::error::no_offset;
  // Where each carrier refuses the rule first: download_url, upload, cloud_process, persistent.
  constexpr auto refusals = [](const ci::rule& r) {
    std::array<std::size_t, 4> at{};
    for (std::size_t i = 0; i < at.size(); ++i)
      at[i] = r.facts().first_refusal(static_cast<rule_carrier>(i + 1));
    return at;
  };
  using offsets = std::array<std::size_t, 4>;
  constexpr auto everywhere = ci::parse_rule("imageMogr2/thumbnail/!50p|imageMogr2/rotate/90");
  STATIC_REQUIRE(everywhere->facts().count == 2);
  STATIC_REQUIRE(everywhere->rules() == 2);
  STATIC_REQUIRE(everywhere->facts().refused == 0);
  STATIC_REQUIRE(refusals(*everywhere) == offsets{none, none, none, none});
  STATIC_REQUIRE(everywhere->facts().first_refusal(rule_carrier::any) == none);
  // An operation: imageInfo only in a URL, QRcode only on upload, style/ only in Pic-Operations.
  STATIC_REQUIRE(refusals(*ci::parse_rule("imageInfo")) == offsets{none, 0, 0, 0});
  STATIC_REQUIRE(refusals(*ci::parse_rule("QRcode/cover/1")) == offsets{0, none, 0, none});
  STATIC_REQUIRE(refusals(*ci::parse_rule("style/thumb")) == offsets{0, none, none, none});
  // A value: psd only through persistent processing (the offset is the value's).
  constexpr auto psd = ci::parse_rule("imageMogr2/format/psd").value();
  STATIC_REQUIRE(refusals(psd) == offsets{18, none, none, none});
  STATIC_REQUIRE(psd.check_placement(rule_carrier::download_url).error() ==
                 objproc::error{objproc::errc::misplaced_operation, 18,
                                "not allowed in a download URL"});
  STATIC_REQUIRE(psd.check_placement(rule_carrier::upload).has_value());
  // A key, after a padded base64 value: offsets are into the canonical text ("SGk=" -> "SGk"),
  // as when the canonical text was parsed again.
  constexpr std::string_view padded = "watermark/2/text/SGk=|imageMogr2/density/100";
  constexpr auto density = ci::parse_rule(padded).value();
  STATIC_REQUIRE(refusals(density) == offsets{none, 32, 32, 32});
  STATIC_REQUIRE(density.check_placement(rule_carrier::cloud_process).error() ==
                 ci::parse_rule(density.view(), rule_carrier::cloud_process).error());
  STATIC_REQUIRE(ci::parse_rule(padded, rule_carrier::cloud_process).error().offset == 33);
  STATIC_REQUIRE(density.check_placement(rule_carrier::any).has_value());
  // Per carrier, the first refusal: valid somewhere for each rule, nowhere for the pipeline.
  constexpr auto nowhere = ci::parse_rule("imageMogr2/density/100|imageMogr2/format/psd").value();
  STATIC_REQUIRE(refusals(nowhere) == offsets{41, 11, 11, 11});
  STATIC_REQUIRE(nowhere.check_placement(rule_carrier::persistent).error() ==
                 ci::parse_rule(nowhere.view(), rule_carrier::persistent).error());
  // Unchecked rules record the known operations; their canonical text drops one trailing '/'.
  constexpr auto loose = ci::unchecked_rule("imageMogr2/strip/|imageInfo").value();
  STATIC_REQUIRE(loose.view() == "imageMogr2/strip|imageInfo"sv);
  STATIC_REQUIRE(refusals(loose) == offsets{none, 17, 17, 17});
  STATIC_REQUIRE(loose.check_placement(rule_carrier::upload).error() ==
                 ci::unchecked_rule(loose.view(), rule_carrier::upload).error());
  // Nothing to run, or an error held.
  STATIC_REQUIRE(ci::rule{}.check_placement(rule_carrier::download_url).has_value());
  STATIC_REQUIRE(refusals(ci::rule{}) == offsets{none, none, none, none});
}
