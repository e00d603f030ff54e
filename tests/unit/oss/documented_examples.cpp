// SPDX-License-Identifier: MIT
// The documented OSS examples as data: every string the research for issue 12 found in the
// Alibaba Cloud documentation, its error-code pages and the official SDKs, valid or invalid, with
// its source, run through parse_style with the carrier it was documented for. Source keys are
// those of docs/reference/style-spec.md and docs/vocabulary/oss.md ("ERR-0040-00000311" is the
// OSS error-code page of that code). Rows marked "derived" are not quoted from a page: they apply
// a documented rule to a documented string, for operations with fewer than three published
// examples.
#include <catch2/catch.hpp>

#include <cstddef>
#include <iterator>
#include <string>
#include <string_view>
#include <utility>

#include "objproc/core/diagnostic.hpp"
#include "objproc/oss/style.hpp"

namespace oss = objproc::oss;
using objproc::errc;
using oss::carrier;

namespace {

struct example {
  std::string_view op;
  std::string_view text;
  carrier where;
  errc expected;  // errc::none: valid
  std::string_view source;
};

constexpr carrier get = carrier::get_url;
constexpr carrier post = carrier::sync_process;
constexpr carrier async = carrier::async_process;
constexpr errc ok = errc::none;

// clang-format off
constexpr example examples[] = {
  // image/resize
  {"resize", "image/resize,m_lfit,h_100,w_100", get, ok, "AOD Resize images"},
  {"resize", "image/resize,m_pad,h_100,w_100,color_FF0000", get, ok, "AOD Resize images"},
  {"resize", "image/resize,w_500,limit_0", get, ok, "AOD Resize images"},
  {"resize", "image/resize,l_100,m_mfit", get, ok, "AOD Resize images"},
  {"resize", "image/resize,w_100,m_abc", get, errc::invalid_enum_value, "ERR-0040-00000311"},
  {"resize", "image/resize,w_0", get, errc::value_out_of_range, "ERR-0040-00000312"},
  {"resize", "image/resize,s_0", get, errc::value_out_of_range, "ERR-0040-00000315"},
  {"resize", "image/resize,p_0", get, errc::value_out_of_range, "ERR-0040-00000317"},
  {"resize", "image/resize,w_0,h_0", get, errc::value_out_of_range, "ERR-0040-00000321"},
  {"resize", "image/resize", get, errc::missing_parameter, "ERR-0040-00000322"},
  // image/crop
  {"crop", "image/crop,x_10,y_10,w_200,h_200,g_se", get, ok, "AOD Custom crop"},
  {"crop", "image/crop,x_100,y_50", get, ok, "AOD Custom crop"},
  {"crop", "image/crop,x_100,y_50,w_100,h_100", get, ok, "ERR-0040-00000225 (solution)"},
  {"crop", "image/crop,x_100,y_50,w_abc,h_100", get, errc::invalid_number, "ERR-0040-00000225"},
  {"crop", "image/crop,x_100,y_50,w_-1,h_100", get, errc::value_out_of_range, "ERR-0040-00000225"},
  {"crop", "image/crop,x_100,y_50,w_100,h_-1", get, errc::value_out_of_range, "ERR-0040-00000226"},
  // image/indexcrop
  {"indexcrop", "image/indexcrop,x_100,i_0", get, ok, "AOD Indexed cut"},
  {"indexcrop", "image/indexcrop,y_100,i_10", get, ok, "AOD Indexed cut"},
  {"indexcrop", "image/indexcrop,x_100,i_100", get, ok, "AOD Indexed cut (index past the end)"},
  {"indexcrop", "image/indexcrop,x_0,i_0", get, errc::value_out_of_range, "ERR-0040-00000230"},
  // image/circle
  {"circle", "image/circle,r_100", get, ok, "AOD Incircle; ERR-0040-00000233"},
  {"circle", "image/circle,r_100/format,png", get, ok, "AOD Incircle"},
  {"circle", "image/circle,r_abc", get, errc::invalid_number, "ERR-0040-00000233"},
  {"circle", "image/circle,r_5000", get, errc::value_out_of_range, "ERR-0040-00000233"},
  // image/rounded-corners
  {"rounded-corners", "image/rounded-corners,r_30", get, ok, "AOD Rounded rectangle"},
  {"rounded-corners", "image/crop,w_100,h_100/rounded-corners,r_10/format,png", get, ok, "AOD Rounded rectangle"},
  {"rounded-corners", "image/rounded-corners,r_abc", get, errc::invalid_number, "ERR-0040-00000237"},
  {"rounded-corners", "image/rounded-corners,r_5000", get, errc::value_out_of_range, "ERR-0040-00000237"},
  // image/rotate
  {"rotate", "image/rotate,90", get, ok, "AOD Rotate"},
  {"rotate", "image/rotate,70", get, ok, "AOD Rotate"},
  {"rotate", "image/auto-orient,0/resize,m_lfit,h_2000,w_2000,limit_1/rotate,90", get, ok, "FAQ-IMG"},
  {"rotate", "image/rotate,abc", get, errc::invalid_number, "ERR-0040-00000217"},
  {"rotate", "image/rotate,400", get, errc::value_out_of_range, "ERR-0040-00000217"},
  {"rotate", "image/rotate,90,200,300", get, errc::unexpected_value, "ERR-0040-00000203"},
  // image/auto-orient
  {"auto-orient", "image/resize,w_100/auto-orient,1", get, ok, "AOD Automatic rotation"},
  {"auto-orient", "image/resize,w_100/auto-orient,0", get, ok, "AOD Automatic rotation"},
  {"auto-orient", "image/resize,w_100/auto-orient,abc", get, errc::invalid_enum_value, "ERR-0040-00000215"},
  {"auto-orient", "image/resize,w_100/auto-orient,10", get, errc::invalid_enum_value, "ERR-0040-00000215"},
  // image/flip: only 0 is documented
  {"flip", "image/flip,0", get, ok, "FLIP Flip images"},
  {"flip", "image/flip,1", get, errc::invalid_enum_value, "third-party only (docs/vocabulary/oss.md)"},
  {"flip", "image/flip,2", get, errc::invalid_enum_value, "third-party only (docs/vocabulary/oss.md)"},
  {"flip", "image/flip", get, errc::missing_value, "derived: FLIP takes one value"},
  // image/blur
  {"blur", "image/blur,r_3,s_2", get, ok, "AOD Blur"},
  {"blur", "image/blur,r_3,s_30", get, ok, "FAQ-IMG"},
  {"blur", "image/blur,g_face,p_50,r_25,s_50", get, ok, "ERR-0004-00000244 (solution)"},
  {"blur", "image/blur,g_face,p_1000,r_25,s_50", get, errc::value_out_of_range, "ERR-0004-00000244"},
  // image/bright
  {"bright", "image/bright,50", get, ok, "AOD Brightness; ERR-0040-00000245"},
  {"bright", "image/bright,-50", get, ok, "AOD Brightness"},
  {"bright", "image/bright", get, errc::missing_value, "ERR-0040-00000245"},
  {"bright", "image/bright,abc", get, errc::invalid_number, "ERR-0040-00000246"},
  {"bright", "image/bright,200", get, errc::value_out_of_range, "ERR-0040-00000246"},
  // image/contrast
  {"contrast", "image/contrast,50", get, ok, "AOD Contrast"},
  {"contrast", "image/contrast,-50", get, ok, "AOD Contrast"},
  {"contrast", "image/resize,w_200/contrast,-50", get, ok, "AOD Contrast"},
  {"contrast", "image/contrast,101", get, errc::value_out_of_range, "derived: AOD Contrast range -100-100"},
  // image/sharpen
  {"sharpen", "image/sharpen,100", get, ok, "AOD Sharpen; aliyun-oss-java-sdk src/samples/ImageSample.java"},
  {"sharpen", "image/resize,w_200/sharpen,100", get, ok, "AOD Sharpen"},
  {"sharpen", "image/sharpen,400", get, errc::value_out_of_range, "derived: AOD Sharpen range 50-399"},
  // image/format
  {"format", "image/format,png", get, ok, "FMT; SDK tests"},
  {"format", "image/format,heic/resize,l_900,h_600", get, ok, "AOD (region-limited)"},
  {"format", "image/resize,w_200/format,webp", get, ok, "AOD Format conversion"},
  {"format", "image/format,dng", get, errc::invalid_enum_value, "ERR-0040-00000206"},
  // image/quality
  {"quality", "image/resize,w_100/quality,Q_80", get, ok, "AOD Quality transformation"},
  {"quality", "image/resize,w_300/quality,q_90", get, ok, "AOD Quality transformation"},
  {"quality", "image/quality", get, errc::missing_parameter, "ERR-0040-00000307"},
  {"quality", "image/quality,Q_200", get, errc::value_out_of_range, "ERR-0040-00000308"},
  {"quality", "image/quality,q_200", get, errc::value_out_of_range, "ERR-0040-00000309"},
  {"quality", "image/quality,200", get, errc::unknown_parameter, "ERR-0040-00000310 (keyed only)"},
  // image/interlace
  {"interlace", "image/format,jpg/interlace,1", get, ok, "AOD Gradual display"},
  {"interlace", "image/interlace,1/format,jpg", get, ok, "AOD Gradual display"},
  {"interlace", "image/resize,w_200/interlace,1", get, ok, "AOD Gradual display"},
  {"interlace", "image/interlace,2", get, errc::invalid_enum_value, "derived: AOD Gradual display 0 or 1"},
  // image/info, image/average-hue (no parameters: fewer than three published)
  {"info", "image/info", get, ok, "AOD Query image information; SDK tests"},
  {"info", "image/info,x_1", get, errc::unexpected_value, "derived: takes no parameters"},
  {"info", "image/info|sys/saveas,o_YQ", get, oss::saveas_not_allowed, "derived: A-saveas, never in a GET URL"},
  {"average-hue", "image/average-hue", get, ok, "AOD Query the average tone; FAQ-IMG"},
  {"average-hue", "image/average-hue,1", get, errc::unexpected_value, "derived: takes no parameters"},
  {"average-hue", "image/average-hue", async, errc::sync_only_operation, "derived: SYNC"},
  // image/watermark
  {"watermark", "image/resize,w_300,h_300/watermark,type_d3F5LXplbmhlaQ,size_30,text_SGVsbG8gV29ybGQ,color_FFFFFF,shadow_50,t_100,g_se,x_10,y_10", get, ok, "AOD Add watermarks"},
  {"watermark", "image/resize,w_300/watermark,image_cGFuZGEucG5nP3gtb3NzLXByb2Nlc3M9aW1hZ2UvcmVzaXplLFBfMzA,t_90,g_se,x_10,y_10", get, ok, "AOD Add watermarks"},
  {"watermark", "image/resize,w_300,h_300/auto-orient,1/quality,q_90/format,jpg/watermark,image_cGFuZGEucG5nP3gtb3NzLXByb2Nlc3M9aW1hZ2UvcmVzaXplLHdfNTA=,t_90,g_se,x_10,y_10", get, ok, "AOD Add watermarks (padded)"},
  {"watermark", "image/watermark,image_cGFuZGEucG5nP3gtb3NzLXByb2Nlc3M9aW1hZ2UvcmVzaXplLFBfMzA,text_SGVsbG8gV29ybGQ", get, ok, "AOD Add watermarks (image and text)"},
  {"watermark", "image/resize,w_300/watermark,image_cGFuZGEucG5nP3gtb3NzLXByb2Nlc3M9aW1hZ2UvcmVzaXplLFBfMzA,t_90,g_se,x_10,y_10,t_50", get, ok, "FAQ-IMG (t_ twice: kept as written)"},
  {"watermark", "image/watermark,text_SGVsbG8gV29ybGQ,t_200", get, errc::value_out_of_range, "ERR-0040-00000263"},
  {"watermark", "image/watermark,image_notbase64", get, errc::invalid_base64_value, "ERR-0040-00000265"},
  {"watermark", "image/watermark,text_SGVsbG8gV29ybGQ,voffset_2000", get, errc::value_out_of_range, "ERR-0040-00000268"},
  {"watermark", "image/watermark,text_SGVsbG8gV29ybGQ,image_ZXhhbXBsZS9leGFtcGxlLmpwZwo,order_2", get, errc::invalid_enum_value, "ERR-0040-00000269"},
  {"watermark", "image/watermark,text_SGVsbG8gV29ybGQ,image_ZXhhbXBsZS9leGFtcGxlLmpwZwo,align_3", get, errc::invalid_enum_value, "ERR-0040-00000271"},
  {"watermark", "image/watermark,text_SGVsbG8gV29ybGQ,image_ZXhhbXBsZS9leGFtcGxlLmpwZwo,rotate_400", get, errc::value_out_of_range, "ERR-0040-00000272"},
  {"watermark", "image/watermark,text_SGVsbG8gV29ybGQ,fill_2", get, errc::invalid_enum_value, "ERR-0040-00000274"},
  {"watermark", "image/watermark,text_SGVsbG8gV29ybGQ,fill_1,padx_5000", get, errc::value_out_of_range, "ERR-0040-00000276"},
  {"watermark", "image/watermark,image_cGFuZGEucG5nP3gtb3NzLXByb2Nlc3M9aW1hZ2UvaW5mbw", get, errc::misplaced_operation, "ERR-0040-00000374"},
  {"watermark", "image/watermark,image_cGFuZGEucG5n/watermark,image_cGFuZGEyLnBuZw/watermark,image_cGFuZGEzLnBuZw/watermark,image_cGFuZGE0LnBuZw/watermark,image_cGFuZGE1LnBuZw/watermark,image_cGFuZGE2LnBuZw/watermark,image_cGFuZGE3LnBuZw", get, errc::too_many_rules, "ERR-0040-00000026"},
  // image/blindwatermark, image/deblindwatermark
  {"blindwatermark", "image/blindwatermark,content_6Zi_6YeM5LqR54mI5p2D5omA5pyJ,s_low,q_90|sys/saveas,o_YQ,b_YnVja2V0", post, ok, "BWM (older reference)"},
  {"blindwatermark", "image/blindwatermark,content_6Zi_6YeM5LqR54mI5p2D5omA5pyJ,s_low,q_90", post, oss::saveas_required, "derived: BWM, the result is saved"},
  {"blindwatermark", "image/blindwatermark,content_6Zi_6YeM5LqR54mI5p2D5omA5pyJ", get, oss::saveas_required, "derived: BWM, POST only"},
  {"deblindwatermark", "image/deblindwatermark,s_low,t_text|sys/notify,topic_dGVzdA", async, ok, "alibabacloud-oss-php-sdk-v2 sample/AsyncProcessObject.php"},
  {"deblindwatermark", "image/deblindwatermark,s_low,t_text", async, oss::notify_required, "derived: ASYNC, answered by notification"},
  {"deblindwatermark", "image/deblindwatermark,s_low,t_text|sys/notify,topic_dGVzdA", post, errc::async_only_operation, "derived: ASYNC"},
  // image intelligence: no parameters, GET (signed) or POST
  {"faces", "image/faces", get, ok, "FACE Face detection"},
  {"faces", "image/faces", post, ok, "SYNC (x-oss-process)"},
  {"faces", "image/faces,w_1", get, errc::unexpected_value, "derived: no parameters documented"},
  {"bodies", "image/bodies", get, ok, "BODY Human body detection"},
  {"bodies", "image/bodies", async, errc::sync_only_operation, "derived: II synchronous only"},
  {"bodies", "image/bodies,x_1", get, errc::unexpected_value, "derived: no parameters documented"},
  {"cars", "image/cars", get, ok, "CARS Vehicle detection"},
  {"cars", "image/cars", async, errc::sync_only_operation, "derived: II synchronous only"},
  {"cars", "image/cars,x_1", get, errc::unexpected_value, "derived: no parameters documented"},
  {"codes", "image/codes", get, ok, "CODES QR code recognition"},
  {"codes", "image/codes", async, errc::sync_only_operation, "derived: II synchronous only"},
  {"codes", "image/codes,x_1", get, errc::unexpected_value, "derived: no parameters documented"},
  {"labels", "image/labels", get, ok, "LABEL Image label detection"},
  {"labels", "image/labels,threshold_0.5", get, errc::unexpected_value, "LABEL: no OSS key for IMM's Threshold"},
  {"labels", "image/labels", async, errc::sync_only_operation, "derived: II synchronous only"},
  {"score", "image/score", get, ok, "SCORE Image quality assessment"},
  {"score", "image/score", async, errc::sync_only_operation, "derived: II synchronous only"},
  {"score", "image/score,x_1", get, errc::unexpected_value, "derived: no parameters documented"},
  // video/snapshot
  {"snapshot", "video/snapshot,t_7000,f_jpg,w_800,h_600,m_fast", get, ok, "VSNAP Video snapshots; AOD"},
  {"snapshot", "video/snapshot,t_3000,f_jpg,w_800,h_600,ar_auto", get, ok, "ERR-0053-00000108"},
  {"snapshot", "video/snapshot,t_3000,f_jpg,l_800,s_600", get, ok, "ERR-0053-00000102"},
  {"snapshot", "video/snapshot,t_-32,f_jpg,w_800,h_600", get, errc::value_out_of_range, "ERR-0053-00000101"},
  {"snapshot", "video/snapshot,t_3000,f_jpg,l_-800,s_600", get, errc::value_out_of_range, "ERR-0053-00000102"},
  {"snapshot", "video/snapshot,t_3000,f_jpg,l_800,s_-600", get, errc::value_out_of_range, "ERR-0053-00000103"},
  {"snapshot", "video/snapshot,t_3000,f_jpg,w_-800,h_600", get, errc::value_out_of_range, "ERR-0053-00000104"},
  {"snapshot", "video/snapshot,t_3000,f_jpg,w_800,h_-600", get, errc::value_out_of_range, "ERR-0053-00000105"},
  {"snapshot", "video/snapshot,t_3000,f_jpg,w_800,h_600,m_32", get, errc::invalid_enum_value, "ERR-0053-00000106"},
  {"snapshot", "video/snapshot,t_3000,f_32,w_800,h_600", get, errc::invalid_enum_value, "ERR-0053-00000107"},
  {"snapshot", "video/snapshot,t_3000,f_jpg,w_800,h_600,ar_32", get, errc::invalid_enum_value, "ERR-0053-00000108"},
  // video/snapshots, animation, sprite, convert (asynchronous, saved)
  {"snapshots", "video/snapshots,f_jpg,w_100,h_100,scaletype_crop,inter_10000|sys/saveas,o_YQ", async, ok, "alibabacloud-oss-php-sdk-v2 sample"},
  {"snapshots", "video/snapshots,f_jpg,w_100,h_100,scaletype_crop,inter_10000", async, oss::saveas_required, "derived: VSNAPS, saved with sys/saveas"},
  {"snapshots", "video/snapshots,f_jpg,w_20|sys/saveas,o_YQ", async, errc::value_out_of_range, "derived: VSNAPS w 32-4096"},
  {"snapshots", "video/snapshots,f_jpg,pw_0|sys/saveas,o_YQ", async, errc::value_out_of_range, "derived: VSNAPS pw (0, 200]"},
  {"animation", "video/animation,f_gif,w_100,h_100,inter_1000|sys/saveas,o_YQ", async, ok, "alibabacloud-oss-php-sdk-v2 sample; VANIM"},
  {"animation", "video/animation,f_gif,w_100,h_100,inter_1000", get, errc::async_only_operation, "derived: VANIM asynchronous"},
  {"animation", "video/animation,f_bmp|sys/saveas,o_YQ", async, errc::invalid_enum_value, "derived: VANIM f gif or webp"},
  {"sprite", "video/sprite,f_jpg,sw_100,sh_100,inter_10000,tw_10,th_10,pad_0,margin_0|sys/saveas,o_YQ", async, ok, "alibabacloud-oss-php-sdk-v2 sample"},
  {"sprite", "video/sprite,f_jpg,sw_20|sys/saveas,o_YQ", async, errc::value_out_of_range, "derived: VSPRITE sw 32-4096"},
  {"sprite", "video/sprite,f_jpg,psw_201|sys/saveas,o_YQ", async, errc::value_out_of_range, "derived: VSPRITE psw (0, 200]"},
  {"convert", "video/convert,f_mp4,vcodec_h265,s_1920x1080,vb_2000000,fps_30,acodec_aac,ab_100000,sn_1|sys/saveas,o_dGVzdC5tcDQ,b_dGVzdA", async, ok, "aliyun-oss-java-sdk src/samples/AsyncProcessObjectSample.java"},
  {"convert", "video/convert,f_avi,vcodec_h265,s_1920x1080,vb_2000000,fps_30,acodec_aac,ab_100000,sn_1|sys/saveas,b_ZGVzY3QtYnVja2V0,o_ZGVtby5tcDQ", async, ok, "alibabacloud-oss-go-sdk-v2 oss/api_op_object_test.go"},
  {"convert", "video/convert,f_mp4|sys/saveas,o_YQ", post, errc::async_only_operation, "derived: VCONV asynchronous"},
  // video/info, audio/info, hls
  {"video/info", "video/info", get, ok, "VINFO"},
  {"video/info", "video/info,x_1", get, errc::unexpected_value, "derived: no parameters"},
  {"video/info", "video/info", async, errc::sync_only_operation, "derived: VINFO synchronous"},
  {"audio/info", "audio/info", get, ok, "AINFO"},
  {"audio/info", "audio/info,x_1", get, errc::unexpected_value, "derived: no parameters"},
  {"audio/info", "audio/info", async, errc::sync_only_operation, "derived: AINFO synchronous"},
  {"hls/sign", "hls/sign", get, ok, "AOD HLS private playlist"},
  {"hls/sign", "hls/sign", post, errc::misplaced_operation, "derived: a query value of a GET"},
  {"hls/sign", "hls/sign,x_1", get, errc::unexpected_value, "derived: no parameters"},
  {"hls/m3u8", "hls/m3u8,ss_0,t_60000", post, ok, "derived: HLS ss and t"},
  {"hls/m3u8", "hls/m3u8,ss_0", async, errc::sync_only_operation, "derived: HLS synchronous"},
  {"hls/m3u8", "hls/m3u8,ss_0,t_0", get, ok, "derived: HLS ss and t"},
  {"hls/m3u8", "hls/m3u8,ss_-1", get, errc::value_out_of_range, "derived: HLS ss >= 0"},
  // doc/*
  {"doc/snapshot", "doc/snapshot", get, ok, "DSNAP Document snapshots"},
  {"doc/snapshot", "doc/snapshot,target_jpg,source_docx,page_2", get, ok, "DSNAP"},
  {"doc/snapshot", "doc/snapshot,page_2001", get, errc::value_out_of_range, "derived: DSNAP page <= 2000"},
  {"doc/convert", "doc/convert,target_png,source_docx|sys/saveas,b_dGVzdC1idWNrZXQ,o_ZG9jX2ltYWdlcy97aW5kZXh9LnBuZw/notify,topic_dGVzdC10b3BpYw", async, ok, "A-notify (older reference)"},
  {"doc/convert", "doc/convert,target_jpg,source_docx/snapshot,target_jpg,source_docx,page_2", get, errc::async_only_operation, "SYNC FAQ (documented, rejected: docs/vocabulary/oss.md)"},
  {"doc/convert", "doc/convert,target_png", async, oss::saveas_required, "derived: DCONV saved"},
  {"doc/translate", "doc/translate,language_en_US,content_5Zub5pyI5Lqu5aW9==", post, errc::invalid_base64_value, "derived: TRANS (16 characters take no padding)"},
  {"doc/translate", "doc/translate,language_en_US,content_5Zub5pyI5Lqu5aW9", post, ok, "TRANS (content shortened)"},
  {"doc/translate", "doc/translate,language_en_US,content_5ZubYQ==", post, ok, "TRANS (padded, as its example)"},
  {"doc/translate", "doc/translate,content_5ZubYQ", post, errc::missing_parameter, "derived: TRANS language required"},
  {"doc/translate", "doc/translate,language_en_US,content_5ZubYQ", get, errc::misplaced_operation, "derived: SDOC POST only"},
  {"doc/polish", "doc/polish,content_5ZubYQ", post, ok, "derived: POLISH table"},
  {"doc/polish", "doc/polish,content_5ZubYQ,format_event-stream", post, ok, "derived: POLISH table"},
  {"doc/polish", "doc/polish,format_json", post, errc::missing_parameter, "derived: POLISH content required"},
  {"doc/summarize", "doc/summarize,content_5ZubYQ", post, ok, "derived: SUMM table"},
  {"doc/summarize", "doc/summarize,content_5ZubYQ,format_xml", post, errc::invalid_enum_value, "derived: SUMM format"},
  {"doc/summarize", "doc/summarize,content_5ZubYQ", async, errc::sync_only_operation, "derived: SDOC synchronous"},
  {"doc/continue", "doc/continue,content_5ZubYQ", post, ok, "derived: CONT table"},
  {"doc/continue", "doc/continue,content_5ZubYQ,format_json", post, ok, "derived: CONT table"},
  {"doc/continue", "doc/continue,content_5Zub+Q", post, errc::invalid_base64_value, "derived: SDOC URL-safe base64"},
  {"doc/enrich", "doc/enrich,content_5ZubYQ", post, ok, "derived: ENRICH table"},
  {"doc/enrich", "doc/enrich,content_5ZubYQ", get, errc::misplaced_operation, "derived: SDOC POST only"},
  {"doc/enrich", "doc/enrich", post, errc::missing_parameter, "derived: ENRICH content required"},
  {"doc/rephrase", "doc/rephrase,tone_straightforward,content_5ZubYQ", post, ok, "REPH (content shortened)"},
  {"doc/rephrase", "doc/rephrase,tone_angry,content_5ZubYQ", post, errc::invalid_enum_value, "derived: REPH tone values"},
  {"doc/rephrase", "doc/rephrase,content_5ZubYQ", post, errc::missing_parameter, "derived: REPH tone required"},
  {"doc/preview", "doc/preview,export_1,print_1,copy_1/watermark,text_5YaF6YOo6LWE5paZ,size_30,t_100", get, ok, "T-TS (third party)"},
  {"doc/preview", "doc/watermark,text_5YaF6YOo6LWE5paZ", get, errc::misplaced_operation, "derived: T-TS, a sub-operation of preview"},
  {"doc/preview", "doc/preview,export_1", async, errc::sync_only_operation, "derived: SYNC lists preview as synchronous"},
  {"doc/edit", "doc/edit", get, ok, "T-PHP (third party)"},
  {"doc/edit", "doc/edit", post, errc::misplaced_operation, "derived: WEBOFFICE, a presigned GET URL"},
  {"doc/edit", "doc/edit,readonly_1", get, errc::unknown_parameter, "derived: no parameter published (use unchecked_style)"},
  // other
  {"other", "image/slim,1", get, errc::unknown_operation, "ERR-0040-00000213"},
  {"other", "image/w_100", get, errc::unknown_operation, "AOD (a typo in a page)"},
  {"other", "style/examplestyle|sys/saveas,o_dGVzdC5qcGc,b_dGVzdA", post, ok, "AOD Save processed images"},
  {"other", "imm/previewdoc,copy_1", get, ok, "PREVIEW-OLD"},
  {"other", "imm/previewdoc,copy_2", get, errc::invalid_enum_value, "derived: PREVIEW-OLD copy 0 or 1"},
  {"other", "imm/previewdoc,copy_1", post, errc::misplaced_operation, "derived: PREVIEW-OLD GET"},
};
// clang-format on

}  // namespace

TEST_CASE("documented OSS examples parse or fail as documented", "[oss][style][documented]") {
  for (const example& e : examples) {
    INFO(e.op << ": " << e.text << " [" << e.source << "]");
    const auto s = oss::parse_style(e.text, e.where);
    if (e.expected == ok) {
      if (!s) INFO(objproc::render_diagnostic(e.text, s.error()));
      REQUIRE(s.has_value());
      // Canonical text is a fixed point.
      CHECK(oss::parse_style(s->view(), e.where).value() == *s);
    } else {
      REQUIRE_FALSE(s.has_value());
      INFO(objproc::render_diagnostic(e.text, s.error()));
      CHECK(s.error().code == e.expected);
    }
  }
}

TEST_CASE("every operation has documented examples, and sources", "[oss][style][documented]") {
  for (const example& e : examples) CHECK_FALSE(e.source.empty());
  std::size_t valid = 0;
  for (const example& e : examples) valid += e.expected == ok ? 1 : 0;
  CHECK(valid >= 60);
  CHECK(std::size(examples) - valid >= 60);
}

namespace {

// What check_carrier answered before it read the parse's facts: the canonical text parsed
// again for the carrier, strictly or as unchecked_style does.
constexpr objproc::result<void> carrier_by_parsing_again(const oss::style& s, carrier where) {
  if (s.has_error()) return s.error();
  const auto again = s.is_unchecked() ? oss::unchecked_style(s.view(), where)
                                      : oss::parse_style(s.view(), where);
  if (!again) return again.error();
  return {};
}

// For `text` parsed strictly and unchecked (where it parses), in every carrier: the same
// answer, the same errc, offset and detail. Counts the refusals compared.
constexpr bool carrier_agrees(std::string_view text, std::size_t& refusals) {
  for (const bool unchecked : {false, true}) {
    const auto s = unchecked ? oss::unchecked_style(text) : oss::parse_style(text);
    if (!s) continue;
    for (const carrier where : {carrier::any, get, post, async}) {
      const auto read = oss::check_carrier(*s, where);
      const auto parsed = carrier_by_parsing_again(*s, where);
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
    if (!carrier_agrees(examples[i].text, refusals)) return false;
  return true;
}
template <std::size_t Slice>
constexpr bool slice_agrees_v = slice_agrees(Slice);

template <std::size_t... Slices>
constexpr bool every_documented_carrier_agrees(std::index_sequence<Slices...>) {
  return (slice_agrees_v<Slices> && ...);
}

}  // namespace

TEST_CASE("check_carrier answers from the parse's facts as parsing again did",
          "[oss][style][facts]") {
  std::size_t refusals = 0;
  std::size_t valid = 0;
  for (const example& e : examples) {
    INFO(e.text);
    CHECK(carrier_agrees(e.text, refusals));
    valid += oss::parse_style(e.text).has_value() ? 1U : 0U;
  }
  // The table exercises both answers.
  CHECK(valid >= 60);
  CHECK(refusals >= 60);
  // An empty style: what parsing "" says.
  CHECK(oss::check_carrier(oss::style{}, get).error() == oss::parse_style("", get).error());
  STATIC_REQUIRE(every_documented_carrier_agrees(std::make_index_sequence<slice_count>{}));
}
