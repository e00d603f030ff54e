// SPDX-License-Identifier: MIT
// Tests the CI rule builders at run time (cos/builder.hpp, image_mogr2.hpp, image_view2.hpp,
// watermark.hpp): bad values give rules holding the parser's error, pipelines, sticky errors,
// encoding of hostile text, and a property test against the parser.
#include "objproc/cos/builder.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <string_view>

#include "objproc/core/text.hpp"
#include "objproc/cos/image_mogr2.hpp"
#include "objproc/cos/image_view2.hpp"
#include "objproc/cos/rule.hpp"
#include "objproc/cos/watermark.hpp"

namespace ci = objproc::cos;  // not "cos": that clashes with ::cos from <cmath>
using objproc::errc;

namespace {
constexpr std::string_view url = "http://examples-1251000004.picsh.myqcloud.com/shuiyin.jpg";

errc code_of(const ci::rule& r) { return r.error().code; }

std::string decoded(std::string_view b64) {
  auto text = objproc::from_base64(b64, objproc::base64_alphabet::url_safe,
                                   objproc::base64_padding_policy::optional);
  REQUIRE(text.has_value());
  return *text;
}
}  // namespace

TEST_CASE("out-of-range builder values give a rule holding the parser's error", "[cos][builder]") {
  volatile std::int64_t zero = 0;  // a run-time value: no compile-time rejection
  const auto bad = ci::image_mogr2{.rotate = 361 + zero}.str();
  REQUIRE(bad.has_error());
  CHECK(code_of(bad) == errc::value_out_of_range);
  CHECK(bad.view().empty());
  CHECK(bad.checked().error().code == errc::value_out_of_range);
  // The offset points into the rendered text: "imageMogr2/rotate/" is 18 characters.
  CHECK(bad.error().offset == 18);

  using ci::thumbnail;
  CHECK(code_of(ci::image_mogr2{.thumbnail = thumbnail::percent(zero)}.str()) ==
        errc::value_out_of_range);
  CHECK(code_of(ci::image_mogr2{.thumbnail = thumbnail::area(zero)}.str()) ==
        errc::value_out_of_range);
  CHECK(code_of(ci::image_mogr2{.thumbnail = thumbnail::fit(-1 + zero, 10)}.str()) ==
        errc::invalid_dimensions);
  CHECK(code_of(ci::image_mogr2{.thumbnail = thumbnail::cover(10, zero)}.str()) ==
        errc::value_out_of_range);
  CHECK(code_of(ci::image_mogr2{.thumbnail = thumbnail::height_percent(zero)}.str()) ==
        errc::value_out_of_range);
  CHECK(code_of(ci::image_mogr2{}.str()) == errc::missing_parameter);
  CHECK(code_of(ci::image_mogr2{.thumbnail = thumbnail::fit(10, 10),
                                .pad = true,
                                .color = 0x1000000 + static_cast<std::uint32_t>(zero)}
                    .str()) == errc::invalid_color);
  // color needs pad, pad needs thumbnail (cos::spec requires_keys).
  CHECK(code_of(ci::image_mogr2{.thumbnail = thumbnail::fit(10, 10 + zero), .color = 0}.str()) ==
        errc::missing_parameter);
  CHECK(code_of(ci::image_mogr2{.pad = zero == 0}.str()) == errc::missing_parameter);
  CHECK(code_of(ci::image_mogr2{.cut = {.w = 600 + zero}}.str()) == errc::invalid_dimensions);
  CHECK(code_of(ci::image_mogr2{.cut = {.dx = 1 + zero}}.str()) == errc::invalid_dimensions);
  CHECK(code_of(ci::image_mogr2{.crop = {.w = zero}}.str()) == errc::value_out_of_range);
  CHECK(code_of(ci::image_mogr2{.scrop = {.w = 100 + zero}}.str()) == errc::invalid_dimensions);
  CHECK(code_of(ci::image_mogr2{.iradius = zero}.str()) == errc::value_out_of_range);
  CHECK(code_of(ci::image_mogr2{.blur = {.radius = 51 + zero, .sigma = 1}}.str()) ==
        errc::value_out_of_range);
  CHECK(code_of(ci::image_mogr2{.blur = {.radius = 5 + zero}}.str()) == errc::invalid_dimensions);
  CHECK(code_of(ci::image_mogr2{.sharpen = 9 + zero}.str()) == errc::value_out_of_range);
  CHECK(code_of(ci::image_mogr2{.bright = -101 + zero}.str()) == errc::value_out_of_range);
  CHECK(code_of(ci::image_mogr2{.contrast = 101 + zero}.str()) == errc::value_out_of_range);
  CHECK(code_of(ci::image_mogr2{.cgif = zero}.str()) == errc::value_out_of_range);
  CHECK(code_of(ci::image_mogr2{.quality = {.value = 101 + zero}}.str()) ==
        errc::value_out_of_range);
  CHECK(code_of(ci::image_mogr2{.quality = {.forced = zero == 0}}.str()) == errc::invalid_number);
  CHECK(code_of(ci::image_mogr2{.rquality = -1 + zero}.str()) == errc::value_out_of_range);
  CHECK(code_of(ci::image_mogr2{.lquality = 101 + zero}.str()) == errc::value_out_of_range);
  CHECK(code_of(ci::image_mogr2{.size_limit = {.amount = zero}}.str()) == errc::value_out_of_range);
  CHECK(code_of(ci::image_mogr2{.size_limit = {.forced = zero == 0}}.str()) ==
        errc::invalid_dimensions);

  // Values outside an enumeration (casts) are refused, never read past a name table.
  const auto not_an_enum = static_cast<std::uint8_t>(200 + zero);
  CHECK(code_of(ci::image_mogr2{.format = static_cast<ci::image_format>(not_an_enum)}.str()) ==
        errc::invalid_enum_value);
  CHECK(code_of(ci::image_mogr2{.flip = static_cast<ci::flip_direction>(not_an_enum)}.str()) ==
        errc::invalid_enum_value);
  CHECK(code_of(ci::image_mogr2{.crop = {.w = 10}, .gravity = static_cast<ci::gravity>(not_an_enum)}
                    .str()) == errc::invalid_enum_value);
  CHECK(
      code_of(ci::image_mogr2{.thumbnail = {.shape = static_cast<ci::thumbnail::form>(not_an_enum)}}
                  .str()) == errc::invalid_dimensions);
  CHECK(code_of(ci::image_view2{.format = static_cast<ci::view_format>(not_an_enum)}.str()) ==
        errc::invalid_enum_value);
  CHECK(code_of(ci::image_watermark{.image = url, .blogo = static_cast<ci::logo_fit>(not_an_enum)}
                    .str()) == errc::invalid_enum_value);
  CHECK(code_of(ci::blind_watermark{.type = static_cast<ci::blind_type>(not_an_enum)}.str()) ==
        errc::invalid_enum_value);

  CHECK(code_of(ci::image_view2{.mode = zero, .w = 10}.str()) == errc::invalid_enum_value);
  CHECK(code_of(ci::image_view2{.mode = 6 + zero, .w = 10}.str()) == errc::invalid_enum_value);
  CHECK(code_of(ci::image_view2{.mode = 1, .w = zero}.str()) == errc::value_out_of_range);
  CHECK(code_of(ci::image_view2{.mode = 1, .q = {.value = 101 + zero}}.str()) ==
        errc::value_out_of_range);
  CHECK(code_of(ci::image_view2{.mode = 1, .rq = 101 + zero}.str()) == errc::value_out_of_range);

  CHECK(code_of(ci::image_watermark{.dissolve = 50 + zero}.str()) == errc::missing_parameter);
  CHECK(code_of(ci::image_watermark{.image = "https://example.com/a.png"}.str()) ==
        errc::invalid_base64_value);
  CHECK(code_of(ci::image_watermark{.image = url, .dissolve = zero}.str()) ==
        errc::value_out_of_range);
  CHECK(code_of(ci::image_watermark{.image = url, .degree = 45 + zero}.str()) ==
        errc::missing_parameter);  // degree needs batch
  CHECK(code_of(ci::image_watermark{.image = url, .spcent = 10 + zero}.str()) ==
        errc::missing_parameter);  // spcent needs scatype
  CHECK(
      code_of(ci::image_watermark{.image = url, .scatype = ci::scale_by::area, .spcent = 251 + zero}
                  .str()) == errc::value_out_of_range);
  CHECK_FALSE(ci::image_watermark{.image = url, .scatype = ci::scale_by::width, .spcent = 1000}
                  .str()
                  .has_error());

  CHECK(code_of(ci::text_watermark{.fontsize = 10 + zero}.str()) == errc::missing_parameter);
  CHECK(code_of(ci::text_watermark{.text = "x", .fontsize = zero}.str()) ==
        errc::value_out_of_range);
  CHECK(code_of(ci::text_watermark{.text = "x", .fill = 0xFFFFFFFF}.str()) == errc::invalid_color);
  CHECK(code_of(ci::text_watermark{.text = "x", .shadow = 101 + zero}.str()) ==
        errc::value_out_of_range);
  CHECK(code_of(ci::text_watermark{.text = std::string_view("\xff")}.str()) ==
        errc::invalid_base64_value);  // not UTF-8

  CHECK(code_of(ci::blind_watermark{.image = url}.str()) == errc::missing_parameter);
  CHECK(code_of(ci::blind_watermark{.type = ci::blind_type::semi_blind}.str()) ==
        errc::missing_parameter);  // types 1 and 2 need an image
  CHECK(code_of(ci::blind_watermark{.type = ci::blind_type::text, .image = url}.str()) ==
        errc::missing_parameter);  // type 3 needs a text
  CHECK(code_of(
            ci::blind_watermark{.type = ci::blind_type::semi_blind, .image = url, .level = 2 + zero}
                .str()) == errc::conflicting_parameters);  // level is for type 2
  CHECK(code_of(
            ci::blind_watermark{.type = ci::blind_type::full_blind, .image = url, .level = 4 + zero}
                .str()) == errc::invalid_enum_value);
  CHECK(code_of(ci::extract_blind_watermark{.type = ci::blind_type::full_blind}.str()) ==
        errc::missing_parameter);
  CHECK(code_of(ci::extract_blind_watermark{.image = url}.str()) == errc::missing_parameter);
}

TEST_CASE("values too long for a rule", "[cos][builder]") {
  // Encoded longer than the parser's base64 buffer.
  const std::string long_text(1200, 'a');
  CHECK(code_of(ci::text_watermark{.text = long_text}.str()) == errc::text_too_long);
  // Longer than the rendering buffer.
  const std::string huge(5000, 'a');
  CHECK(code_of(ci::text_watermark{.text = huge}.str()) == errc::style_too_long);
  // A pipeline longer than OBJPROC_COS_RULE_CAPACITY.
  const std::string text(1000, 'b');
  const auto one = ci::text_watermark{.text = text}.str();
  REQUIRE_FALSE(one.has_error());
  CHECK(code_of(one | one) == errc::style_too_long);
}

TEST_CASE("pipelines: at most 10 rules, errors are sticky", "[cos][builder]") {
  const auto step = ci::image_mogr2{.thumbnail = ci::thumbnail::percent(50)};
  ci::rule pipeline;
  for (int i = 0; i < 10; ++i) pipeline = pipeline | step;
  REQUIRE_FALSE(pipeline.has_error());
  CHECK(pipeline.rules() == 10);
  const auto parsed = ci::parse_rule(pipeline.view());
  REQUIRE(parsed.has_value());
  CHECK(*parsed == pipeline);

  const auto eleven = pipeline | step;
  REQUIRE(eleven.has_error());
  CHECK(code_of(eleven) == errc::too_many_rules);
  // The offset is where the 11th rule starts.
  CHECK(eleven.error().offset == pipeline.view().size() + 1);
  CHECK(code_of(step | pipeline) == errc::too_many_rules);
  CHECK(code_of(pipeline | pipeline) == errc::too_many_rules);

  // Sticky: an error stays through any further '|', the first one wins.
  volatile std::int64_t zero = 0;
  const auto bad = ci::image_mogr2{.rotate = 400 + zero}.str();
  const auto worse = ci::image_view2{.mode = 9 + zero}.str();
  CHECK(code_of(bad | step) == errc::value_out_of_range);
  CHECK(code_of(step | bad) == errc::value_out_of_range);
  CHECK(code_of(bad | worse) == errc::value_out_of_range);
  CHECK(code_of(worse | bad) == errc::invalid_enum_value);
  CHECK(code_of(eleven | step | ci::text_watermark{.text = "x"}) == errc::too_many_rules);
  CHECK(code_of(ci::rule{} | bad) == errc::value_out_of_range);
  CHECK(code_of(bad | ci::rule{}) == errc::value_out_of_range);
  CHECK(code_of(ci::image_mogr2{.rotate = 400 + zero} | step) == errc::value_out_of_range);
  // An empty rule is the identity; on its own it is not a valid rule.
  CHECK((ci::rule{} | ci::rule{}).empty());
  CHECK((ci::rule{} | ci::rule{}).checked().error().code == errc::empty_style);
  // A style reference from text joins a pipeline like any rule.
  const auto styled = ci::parse_rule("style/thumb").value() | step;
  CHECK(styled == std::string_view("style/thumb|imageMogr2/thumbnail/!50p"));
}

TEST_CASE("text values cannot smuggle '/', '|' or quotes into the rule", "[cos][builder]") {
  const std::string_view hostile[] = {
      "a/b",
      "a|b",
      "watermark/2/text/x|imageMogr2/strip",
      "\"quoted\" and 'single'",
      "//||",
      "a=b&c=d",
      "percent %7C %2F",
      "back\\slash",
      "数据/万象|",
      "\t\n",
  };
  for (const std::string_view text : hostile) {
    INFO(text);
    const auto r = ci::text_watermark{.text = text, .font = text}.str();
    REQUIRE_FALSE(r.has_error());
    CHECK(r.rules() == 1);
    const std::string_view v = r.view();
    // watermark/2/text/<b64>/font/<b64>: exactly five '/', no '|', no quote.
    CHECK(std::count(v.begin(), v.end(), '/') == 5);
    CHECK(v.find_first_of("|\"'=+%\\") == std::string_view::npos);
    const std::size_t text_at = std::string_view("watermark/2/text/").size();
    const std::size_t font_at = v.find("/font/");
    CHECK(decoded(v.substr(text_at, font_at - text_at)) == text);
    CHECK(decoded(v.substr(font_at + 6)) == text);
    // The same value in a blind watermark.
    const auto blind = ci::blind_watermark{.type = ci::blind_type::text, .text = text}.str();
    REQUIRE_FALSE(blind.has_error());
    CHECK(decoded(blind.view().substr(std::string_view("watermark/3/type/3/text/").size())) ==
          text);
  }
  // A URL with a query and '|' stays one value.
  const auto image =
      ci::image_watermark{.image = "http://b-1250000000.cos.ap-beijing.myqcloud.com/a|b/c.png?x=1"}
          .str();
  REQUIRE_FALSE(image.has_error());
  CHECK(image.rules() == 1);
  CHECK(decoded(image.view().substr(std::string_view("watermark/1/image/").size())) ==
        "http://b-1250000000.cos.ap-beijing.myqcloud.com/a|b/c.png?x=1");
}

TEST_CASE("CI property: random typed pipelines render, parse and compare equal", "[cos][builder]") {
  std::mt19937_64 rng(20240611);
  auto pick = [&](std::int64_t lo, std::int64_t hi) {
    return lo + static_cast<std::int64_t>(rng() % static_cast<std::uint64_t>(hi - lo + 1));
  };
  auto maybe = [&](std::int64_t lo, std::int64_t hi) -> std::optional<std::int64_t> {
    if (rng() % 2) return pick(lo, hi);
    return std::nullopt;
  };
  auto coin = [&] { return rng() % 2 == 0; };
  const char* words[] = {"a",      "数据万象",   "x/y|z",           "\"q\" 'q'", "Hello World",
                         "=?&#%+", "SimHei.ttf", "腾讯云·万象优图", "~!@$^*()",  "end/"};
  const char* urls[] = {"http://examples-1251000004.picsh.myqcloud.com/shuiyin.jpg",
                        "http://b-1.cos.ap-guangzhou.myqcloud.com/dir/猫 1.png",
                        "http://x/a|b?c=d&e=/f"};
  const auto thumbnail = [&]() -> ci::thumbnail {
    const std::int64_t w = pick(1, 9999);
    const std::int64_t h = pick(1, 9999);
    switch (pick(0, 10)) {
      case 0:
        return ci::thumbnail::percent(pick(1, 1000));
      case 1:
        return ci::thumbnail::width_percent(pick(1, 1000));
      case 2:
        return ci::thumbnail::height_percent(pick(1, 1000));
      case 3:
        return ci::thumbnail::width(w);
      case 4:
        return ci::thumbnail::height(h);
      case 5:
        return ci::thumbnail::fit(w, h);
      case 6:
        return ci::thumbnail::shrink_only(w, h);
      case 7:
        return ci::thumbnail::enlarge_only(w, h);
      case 8:
        return ci::thumbnail::cover(w, h);
      case 9:
        return ci::thumbnail::exact(w, h);
      default:
        return ci::thumbnail::area(pick(1, 250'000'000));
    }
  };
  const auto gravity = [&]() -> std::optional<ci::gravity> {
    if (coin()) return static_cast<ci::gravity>(pick(0, 8));
    return std::nullopt;
  };
  const auto quality = [&]() -> ci::quality_value {
    if (coin()) return {.value = pick(0, 100), .forced = coin()};
    return {};
  };

  const auto mogr2 = [&]() -> ci::rule {
    ci::image_mogr2 m{
        .auto_orient = coin(),
        .cut = coin() ? ci::cut_rect{.w = pick(1, 9999),
                                     .h = pick(1, 9999),
                                     .dx = pick(0, 9999),
                                     .dy = pick(0, 9999)}
                      : ci::cut_rect{},
        .crop = coin() ? ci::dimensions{.w = maybe(1, 9999), .h = pick(1, 9999)} : ci::dimensions{},
        .gravity = gravity(),
        .dx = maybe(-9999, 9999),
        .dy = maybe(-9999, 9999),
        .scrop = coin() ? ci::dimensions{.w = pick(1, 9999), .h = pick(1, 9999)} : ci::dimensions{},
        .iradius = maybe(1, 5000),
        .rradius = maybe(1, 5000),
        .rotate = maybe(0, 360),
        .flip = coin() ? std::optional(static_cast<ci::flip_direction>(pick(0, 1))) : std::nullopt,
        .blur = coin() ? ci::blur_params{.radius = pick(1, 50), .sigma = pick(1, 100)}
                       : ci::blur_params{},
        .sharpen = maybe(10, 300),
        .bright = maybe(-100, 100),
        .contrast = maybe(-100, 100),
        .grayscale = coin() ? std::optional(coin()) : std::nullopt,
        .strip = coin(),
        .format = coin() ? std::optional(static_cast<ci::image_format>(pick(0, 12))) : std::nullopt,
        .cgif = maybe(1, 100),
        .interlace = coin() ? std::optional(coin()) : std::nullopt,
        .quality = quality(),
        .rquality = maybe(0, 100),
        .lquality = maybe(0, 100),
        .size_limit = coin() ? ci::size_limit_value{.amount = pick(1, 50'000),
                                                    .unit = static_cast<ci::size_unit>(pick(0, 1)),
                                                    .forced = coin()}
                             : ci::size_limit_value{},
        .ignore_error = coin(),
    };
    if (coin()) {
      m.thumbnail = thumbnail();
      if (coin()) {
        m.pad = coin();
        if (coin()) m.color = static_cast<std::uint32_t>(pick(0, 0xFFFFFF));
      }
    }
    if (!m.thumbnail.present() && !m.cut.present() && !m.auto_orient) m.strip = true;
    return m.str();
  };
  const auto view2 = [&]() -> ci::rule {
    ci::image_view2 v{
        .mode = maybe(1, 5),
        .w = maybe(1, 9999),
        .h = maybe(1, 9999),
        .format = coin() ? std::optional(static_cast<ci::view_format>(pick(0, 4))) : std::nullopt,
        .q = quality(),
        .rq = maybe(0, 100),
        .lq = maybe(0, 100),
        .ignore_error = coin()};
    // A bare "imageView2" does nothing and is refused: give it at least a mode.
    if (!v.mode && !v.w && !v.h && !v.format && !v.q.present() && !v.rq && !v.lq &&
        !v.ignore_error)
      v.mode = 2;
    return v.str();
  };
  const auto image_mark = [&]() -> ci::rule {
    ci::image_watermark w{
        .image = urls[pick(0, 2)],
        .gravity = gravity(),
        .dx = maybe(-1000, 1000),
        .dy = maybe(-1000, 1000),
        .blogo = coin() ? std::optional(static_cast<ci::logo_fit>(pick(1, 2))) : std::nullopt,
        .batch = coin(),
        .dissolve = maybe(1, 100),
        .ignore_error = coin()};
    if (coin()) {
      w.scatype = static_cast<ci::scale_by>(pick(1, 3));
      w.spcent = pick(1, w.scatype == ci::scale_by::area ? 250 : 1000);
    }
    if (w.batch && coin()) w.degree = pick(0, 360);
    return w.str();
  };
  const auto text_mark = [&]() -> ci::rule {
    ci::text_watermark w{.text = words[pick(0, 9)],
                         .font = coin() ? words[pick(0, 9)] : "",
                         .fill = coin()
                                     ? std::optional(static_cast<std::uint32_t>(pick(0, 0xFFFFFF)))
                                     : std::nullopt,
                         .fontsize = maybe(1, 1000),
                         .dissolve = maybe(1, 100),
                         .gravity = gravity(),
                         .dx = maybe(-1000, 1000),
                         .dy = maybe(-1000, 1000),
                         .batch = coin(),
                         .shadow = maybe(0, 100),
                         .ignore_error = coin()};
    if (w.batch && coin()) w.degree = pick(0, 360);
    return w.str();
  };
  const auto blind_mark = [&]() -> ci::rule {
    const auto type = static_cast<ci::blind_type>(pick(1, 3));
    if (coin())
      return ci::extract_blind_watermark{
          .type = type, .image = type == ci::blind_type::text ? "" : urls[pick(0, 2)]}
          .str();
    return ci::blind_watermark{
        .type = type,
        .image = type == ci::blind_type::text ? "" : urls[pick(0, 2)],
        .text = type == ci::blind_type::text ? words[pick(0, 9)] : "",
        .level = type == ci::blind_type::full_blind ? maybe(1, 3) : std::nullopt}
        .str();
  };

  for (int i = 0; i < 2000; ++i) {
    ci::rule pipeline;
    const auto length = pick(1, 10);
    for (std::int64_t n = 0; n < length; ++n) {
      ci::rule one;
      switch (pick(0, 4)) {
        case 0:
          one = mogr2();
          break;
        case 1:
          one = view2();
          break;
        case 2:
          one = image_mark();
          break;
        case 3:
          one = text_mark();
          break;
        default:
          one = blind_mark();
          break;
      }
      INFO(objproc::to_string(one.error()));
      REQUIRE_FALSE(one.has_error());
      const auto parsed = ci::parse_rule(one.view());
      REQUIRE(parsed.has_value());
      REQUIRE(*parsed == one);
      REQUIRE(parsed->rules() == 1);
      pipeline = pipeline | one;
    }
    INFO(ci::to_string(pipeline));
    INFO(objproc::to_string(pipeline.error()));
    REQUIRE_FALSE(pipeline.has_error());
    REQUIRE(pipeline.rules() == static_cast<std::size_t>(length));
    const auto parsed = ci::parse_rule(pipeline.view());
    REQUIRE(parsed.has_value());
    REQUIRE(*parsed == pipeline);
    REQUIRE(ci::to_string(*parsed) == ci::to_string(pipeline));
  }
}

TEST_CASE("colours are the base64 of #RRGGBB", "[cos][builder]") {
  std::mt19937 rng(7);
  for (int i = 0; i < 200; ++i) {
    const std::uint32_t rgb = rng() & 0xFFFFFF;
    const auto r = ci::text_watermark{.text = "x", .fill = rgb}.str();
    REQUIRE_FALSE(r.has_error());
    const std::string_view v = r.view();
    const std::string hex = decoded(v.substr(v.find("/fill/") + 6));
    static constexpr char digits[] = "0123456789ABCDEF";
    std::string expected = "#";
    for (int shift = 20; shift >= 0; shift -= 4) expected += digits[(rgb >> shift) & 0xF];
    CHECK(hex == expected);
  }
}
