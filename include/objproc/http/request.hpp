// SPDX-License-Identifier: MIT
// objproc/http/request.hpp - the request descriptor: what the transport sends, and what is signed.
//
//   auto req = http::request::make(http::method::post, {"https", "bucket.storage.example.com",
//                                                       "/src/%E7%8C%AB%201.png"});
//   req->add_query("process", std::nullopt);                  // "?process"
//   req->set_header("Content-Type", "application/x-www-form-urlencoded");
//   req->set_body("process=...");
//   req->set_redaction(&vendor_rules);  // what the vendor says is secret (http/redaction.hpp)
//   req->url();        // exactly what is sent (never redacted)
//   req->to_string();  // HTTP/1.1 text for logs: signatures and security tokens redacted
//   req->to_curl();    // a shell-safe curl command, redacted the same way
//
// The path is stored encoded (the endpoints encode object keys with percent_set::path); query
// keys and values are stored raw and encoded once, by url(), with percent_set::component. Every
// mutator validates: a header name is an RFC 9110 token, no header value or host holds CR, LF or
// NUL, so a descriptor can never smuggle a second header line or request into the wire.
//
// On the wire (http/wire.hpp: write_wire, for transports that own a socket) a descriptor goes
// out unredacted, its headers in order, plus only what HTTP/1.1 needs and the descriptor does
// not list: Host (from host()) before them, Content-Length (from the body's size, for a body or
// a POST / PUT) after them; Connection: close only when asked. Never a header twice.
#ifndef OBJPROC_HTTP_REQUEST_HPP
#define OBJPROC_HTTP_REQUEST_HPP

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <iterator>
#include <new>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include "objproc/config.hpp"
#include "objproc/core/algorithm.hpp"
#include "objproc/core/result.hpp"
#include "objproc/core/text.hpp"
#include "objproc/http/fields.hpp"
#include "objproc/http/redaction.hpp"

OBJPROC_NAMESPACE_BEGIN

namespace http {

/// The HTTP methods the operations use.
enum class method : unsigned char { get, head, put, post, delete_ };

/// "GET", "HEAD", "PUT", "POST", "DELETE".
[[nodiscard]] constexpr std::string_view to_string(method m) noexcept {
  switch (m) {
    case method::get:
      return "GET";
    case method::head:
      return "HEAD";
    case method::put:
      return "PUT";
    case method::post:
      return "POST";
    case method::delete_:
      return "DELETE";
  }
  return "GET";
}

/// A caller-provided streaming body of known length (the library never opens a file). `read`
/// fills up to out.size() bytes and returns how many it wrote (0: end or failure).
struct body_source {
  std::uint64_t size = 0;
  void* context = nullptr;
  std::size_t (*read)(void* context, std::span<std::byte> out) noexcept = nullptr;
};

/// An owned header: request headers and response headers.
struct header {
  std::string name;
  std::string value;
  [[nodiscard]] header_field view() const noexcept { return {name, value}; }
  friend bool operator==(const header&, const header&) = default;
};

/// An owned query parameter, raw (decoded). nullopt: a bare key with no '='.
struct query_param {
  std::string key;
  std::optional<std::string> value;
  [[nodiscard]] query_field view() const noexcept {
    return value ? query_field{key, std::string_view(*value)} : query_field{key, std::nullopt};
  }
  friend bool operator==(const query_param&, const query_param&) = default;
};

/// Where a request goes: what an endpoint builds for a bucket and key.
struct location {
  std::string scheme = "https";
  std::string host;
  std::string path = "/";  // encoded, starts with '/'
  friend bool operator==(const location&, const location&) = default;
};

/// What a request addresses, for its signer: the service (a name its vendor chooses and checks;
/// http/ gives it no meaning), the bucket, the object key (decoded) and the region. The vendors'
/// operations set it when they build a request; a signer reads it from the request it signs, and
/// refuses a request of another service. Not sent: the URL already says where it goes.
struct resource {
  std::string_view service = {};
  std::string_view bucket = {};
  std::string_view key = {};
  std::string_view region = {};
  friend bool operator==(const resource&, const resource&) = default;
};

/// A vendor's mark on a request whose resource its signer's own checks already accepted: the
/// vendor's operations check the bucket and key once, when they build the request, so that its
/// signer does not check them again on every signature. Opaque here (only its address counts):
/// a vendor declares one constant and compares addresses.
struct resource_check {
  std::string_view vendor;
};

namespace detail {

/// A URL scheme: ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) (RFC 3986), lowercase here.
[[nodiscard]] constexpr result<void> check_scheme(std::string_view s) noexcept {
  if (s.empty()) return error{errc::invalid_scheme, 0, "empty scheme"};
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    const bool alpha = c >= 'a' && c <= 'z';
    const bool other = (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.';
    if (!(alpha || (i > 0 && other)))
      return error{errc::invalid_scheme, i, "schemes are lowercase RFC 3986 schemes"};
  }
  return {};
}

/// A host with an optional port: reg-name or IPv4 ([A-Za-z0-9-._~]) or an IPv6 literal in
/// brackets, then ":port". No '/', '@', spaces, CR, LF or NUL: nothing that changes the URL.
[[nodiscard]] constexpr result<void> check_host(std::string_view host) noexcept {
  if (host.empty()) return error{errc::invalid_host, 0, "empty host"};
  std::size_t i = 0;
  if (host.front() == '[') {
    const std::size_t close = host.find(']');
    if (close == std::string_view::npos)
      return error{errc::invalid_host, host.size(), "unterminated IPv6 literal"};
    if (close == 1) return error{errc::invalid_host, 1, "empty IPv6 literal"};
    for (i = 1; i < close; ++i) {
      const char c = host[i];
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') ||
            c == ':' || c == '.'))
        return error{errc::invalid_host, i, "invalid character in an IPv6 literal"};
    }
    i = close + 1;
    if (i < host.size() && host[i] != ':')
      return error{errc::invalid_host, i, "only a port may follow an IPv6 literal"};
  } else {
    for (; i < host.size() && host[i] != ':'; ++i) {
      const char c = host[i];
      if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
            c == '-' || c == '.' || c == '_' || c == '~'))
        return error{errc::invalid_host, i, "invalid character in a host name"};
    }
    if (i == 0) return error{errc::invalid_host, 0, "empty host name"};
  }
  if (i < host.size()) {  // ":port"
    const std::size_t colon = i++;
    if (i == host.size()) return error{errc::invalid_host, colon, "empty port"};
    if (host.size() - i > 5) return error{errc::invalid_host, i, "port out of range"};
    unsigned port = 0;
    for (; i < host.size(); ++i) {
      if (host[i] < '0' || host[i] > '9')
        return error{errc::invalid_host, i, "ports have only digits"};
      port = port * 10 + static_cast<unsigned>(host[i] - '0');
    }
    if (port == 0 || port > 65535) return error{errc::invalid_host, colon + 1, "port out of range"};
  }
  return {};
}

/// An encoded path: '/' then RFC 3986 pchars and '/', with well-formed %XX escapes.
[[nodiscard]] constexpr result<void> check_path(std::string_view path) noexcept {
  if (path.empty() || path.front() != '/')
    return error{errc::invalid_path, 0, "an encoded path starts with '/'"};
  for (std::size_t i = 1; i < path.size(); ++i) {
    const char c = path[i];
    if (c == '%') {
      if (i + 2 >= path.size()) return error{errc::invalid_path, i, "truncated percent escape"};
      if (objproc::detail::hex_value(path[i + 1]) < 0 ||
          objproc::detail::hex_value(path[i + 2]) < 0)
        return error{errc::invalid_path, i, "invalid percent escape"};
      i += 2;
      continue;
    }
    if (objproc::detail::is_unreserved(c) || c == '/') continue;
    if (std::string_view("!$&'()*+,;=:@").find(c) != std::string_view::npos) continue;
    return error{errc::invalid_path, i, "character must be percent-encoded in a path"};
  }
  return {};
}

/// One query parameter as url() writes it after `separator` ('?' or '&'): key and value
/// percent-encoded, no '=' for a bare key.
constexpr void write_query_field(span_writer& out, char separator, const query_field& q) noexcept {
  out.put(separator);
  out.put_encoded(q.key, percent_set::component);
  if (!q.value) return;
  out.put('=');
  out.put_encoded(*q.value, percent_set::component);
}

/// Writes `fields` as url() does, the first after `separator`, the others after '&'; returns the
/// separator for what follows.
constexpr char write_query_fields(span_writer& out, char separator,
                                  std::span<const query_field> fields) noexcept {
  for (const query_field& q : fields) {
    write_query_field(out, separator, q);
    separator = '&';
  }
  return separator;
}

/// The length of the URL written into `out`, or errc::buffer_too_small when it did not fit.
[[nodiscard]] constexpr result<std::size_t> written_url(const span_writer& out) noexcept {
  if (out.overflowed())
    return error{errc::buffer_too_small, error::no_offset, "the URL does not fit the buffer"};
  return out.size();
}

/// A decimal Content-Length value (digits only, OWS around allowed, no overflow); nullopt
/// otherwise. Shared by the wire writer and the response parser.
[[nodiscard]] constexpr std::optional<std::uint64_t> parse_decimal_length(
    std::string_view v) noexcept {
  v = trim_ows(v);
  if (v.empty()) return std::nullopt;
  std::uint64_t n = 0;
  for (const char c : v) {
    if (c < '0' || c > '9') return std::nullopt;
    const auto d = static_cast<std::uint64_t>(c - '0');
    if (n > (UINT64_MAX - d) / 10) return std::nullopt;  // overflow
    n = n * 10 + d;
  }
  return n;
}

/// "'it'\''s'": one single-quoted shell word.
inline void append_shell_quoted(std::string& out, std::string_view s) {
  out += '\'';
  for (const char c : s) {
    if (c == '\'')
      out += "'\\''";
    else
      out += c;
  }
  out += '\'';
}

}  // namespace detail

namespace detail {

/// A stretch of a request's text arena.
struct text_ref {
  std::size_t at = 0;
  std::size_t size = 0;
};

/// The headers a signer adds (request::with_headers takes them without checking them again):
/// names are the signer's own literals, tokens pairwise distinct in any case, at most four;
/// values are made only of parts the signer checked (credentials, a scope of [a-z0-9-/], dates,
/// digits, hex, base64). The signers (oss/signer.hpp, cos/signer.hpp) are its only makers.
struct signature_headers {
  std::span<const header_field> fields;
};

/// One header or query parameter: name (key) and value in the arena. No value: a bare key.
struct field_record {
  text_ref name = {};
  text_ref value = {};
  bool has_value = true;
};

/// A request's records: the first `inline_records` in the request itself, more on the heap. A
/// signed request of the operations (a few parameters and headers, plus the signer's) then costs
/// no allocation for its records, only for its text and body.
class record_vector {
 public:
  using value_type = field_record;
  static constexpr std::size_t inline_records = 8;
  static_assert(std::is_trivially_copyable_v<field_record> &&
                std::is_trivially_destructible_v<field_record>);

  record_vector() noexcept {}  // NOLINT(modernize-use-equals-default): the room stays unset
  record_vector(const record_vector& other) { assign(other.data(), other.size()); }
  record_vector(record_vector&& other) noexcept { take(other); }
  record_vector& operator=(const record_vector& other) {
    if (this != &other) assign(other.data(), other.size());
    return *this;
  }
  record_vector& operator=(record_vector&& other) noexcept {
    if (this != &other) {
      release();
      take(other);
    }
    return *this;
  }
  ~record_vector() { release(); }

  [[nodiscard]] field_record* data() noexcept { return heap_ != nullptr ? heap_ : local_.data(); }
  [[nodiscard]] const field_record* data() const noexcept {
    return heap_ != nullptr ? heap_ : local_.data();
  }
  [[nodiscard]] std::size_t size() const noexcept { return size_; }
  [[nodiscard]] field_record* begin() noexcept { return data(); }
  [[nodiscard]] field_record* end() noexcept { return data() + size_; }
  [[nodiscard]] const field_record* begin() const noexcept { return data(); }
  [[nodiscard]] const field_record* end() const noexcept { return data() + size_; }
  [[nodiscard]] field_record& operator[](std::size_t i) noexcept { return data()[i]; }
  [[nodiscard]] const field_record& operator[](std::size_t i) const noexcept { return data()[i]; }
  [[nodiscard]] std::span<const field_record> span() const noexcept { return {data(), size_}; }

  void reserve(std::size_t n) {
    if (n > capacity_) grow(n);
  }
  void clear() noexcept { size_ = 0; }
  void assign(const field_record* from, std::size_t n) {
    size_ = 0;
    reserve(n);
    copy(data(), from, n);
    size_ = n;
  }
  void push_back(field_record r) {  // by value: `r` may be one of ours, moved by grow()
    if (size_ == capacity_) grow(2 * capacity_);
    data()[size_++] = r;
  }
  /// Inserts `r` before the record at `at` (at <= size()).
  void insert(std::size_t at, field_record r) {
    if (size_ == capacity_) grow(2 * capacity_);
    field_record* d = data();
    for (std::size_t i = size_; i > at; --i) d[i] = d[i - 1];
    d[at] = r;
    ++size_;
  }
  /// Removes the records in [from, to).
  void erase(std::size_t from, std::size_t to) noexcept {
    field_record* d = data();
    for (std::size_t i = to; i < size_; ++i) d[from + i - to] = d[i];
    size_ -= to - from;
  }

 private:
  static void copy(field_record* to, const field_record* from, std::size_t n) noexcept {
    if (n != 0) std::memcpy(static_cast<void*>(to), from, n * sizeof(field_record));
  }
  void grow(std::size_t n) {
    auto* fresh = static_cast<field_record*>(::operator new(n * sizeof(field_record)));
    copy(fresh, data(), size_);
    release();
    heap_ = fresh;
    capacity_ = n;
  }
  void release() noexcept {
    if (heap_ != nullptr) ::operator delete(heap_);
    heap_ = nullptr;
    capacity_ = inline_records;
  }
  // Leaves `other` empty (inline).
  void take(record_vector& other) noexcept {
    size_ = other.size_;
    if (other.heap_ != nullptr) {
      heap_ = other.heap_;
      capacity_ = other.capacity_;
      other.heap_ = nullptr;
      other.capacity_ = inline_records;
    } else {
      copy(local_.data(), other.local_.data(), size_);
    }
    other.size_ = 0;
  }

  field_record* heap_ = nullptr;
  std::size_t size_ = 0;
  std::size_t capacity_ = inline_records;
  uninitialized_array<field_record, inline_records> local_;
};

}  // namespace detail

/// The headers or the query of a request, read-only and in order, as header_field or
/// query_field values: views into the request, valid while it is unchanged.
template <class Field>
class field_range {
 public:
  class iterator {
   public:
    using value_type = Field;
    using reference = Field;
    using pointer = void;
    using difference_type = std::ptrdiff_t;
    using iterator_category = std::input_iterator_tag;
    using iterator_concept = std::forward_iterator_tag;

    /// So that `it->name` reads like a pointer to a stored field.
    struct arrow {
      Field field;
      [[nodiscard]] const Field* operator->() const noexcept { return &field; }
    };

    iterator() = default;
    iterator(const char* text, const detail::field_record* at) noexcept : text_(text), at_(at) {}

    [[nodiscard]] Field operator*() const noexcept { return field_range::make(text_, *at_); }
    [[nodiscard]] arrow operator->() const noexcept { return {**this}; }
    iterator& operator++() noexcept {
      ++at_;
      return *this;
    }
    iterator operator++(int) noexcept {
      iterator was = *this;
      ++at_;
      return was;
    }
    friend bool operator==(const iterator& a, const iterator& b) noexcept { return a.at_ == b.at_; }

   private:
    const char* text_ = nullptr;
    const detail::field_record* at_ = nullptr;
  };

  field_range() = default;
  field_range(const char* text, std::span<const detail::field_record> records) noexcept
      : text_(text), records_(records) {}

  [[nodiscard]] iterator begin() const noexcept { return {text_, records_.data()}; }
  [[nodiscard]] iterator end() const noexcept { return {text_, records_.data() + records_.size()}; }
  [[nodiscard]] std::size_t size() const noexcept { return records_.size(); }
  [[nodiscard]] bool empty() const noexcept { return records_.empty(); }
  /// Precondition: i < size().
  [[nodiscard]] Field operator[](std::size_t i) const noexcept { return make(text_, records_[i]); }
  [[nodiscard]] Field front() const noexcept { return (*this)[0]; }
  [[nodiscard]] Field back() const noexcept { return (*this)[size() - 1]; }

 private:
  static Field make(const char* text, const detail::field_record& r) noexcept {
    const std::string_view name(text + r.name.at, r.name.size);
    const std::string_view value(text + r.value.at, r.value.size);
    if constexpr (std::is_same_v<Field, query_field>) {
      query_field q{name, std::nullopt};
      if (r.has_value) q.value.emplace(value);
      return q;
    } else {
      return Field{name, value};
    }
  }

  const char* text_ = nullptr;
  std::span<const detail::field_record> records_ = {};
};

class request;

/// A request as a signer's parameter: an lvalue, which the signer copies, or an rvalue, which
/// it signs in place (a descriptor about to be sent needs no unsigned copy).
template <class R>
concept request_argument = std::is_same_v<std::remove_cvref_t<R>, request>;

/// A request descriptor: method, scheme, host, encoded path, ordered raw query, ordered headers
/// and a body (owned bytes or a caller's stream). Every mutator validates its input.
///
/// All the text (scheme, host, path, query and header names and values) lives in one string,
/// with small records pointing into it: copying a request is a few allocations, not one per
/// field, which is most of what signing costs once the hashing is fast.
class request {
 public:
  using body_type = std::variant<std::string, body_source>;

  request() = default;
  request(const request&) = default;
  request& operator=(const request&) = default;
  /// A moved-from request is empty: no scheme, host, path, fields or body (its text references
  /// went with its text: left as they were, they would point past the end of what is left).
  request(request&& other) noexcept
      : method_(other.method_),
        text_(std::move(other.text_)),
        scheme_(other.scheme_),
        host_(other.host_),
        path_(other.path_),
        resource_(other.resource_),
        fields_(std::move(other.fields_)),
        query_count_(other.query_count_),
        garbage_(other.garbage_),
        body_(std::move(other.body_)),
        redaction_(other.redaction_),
        resource_checked_(other.resource_checked_) {
    other.reset_moved_from();
  }
  request& operator=(request&& other) noexcept {
    if (this == &other) return *this;
    method_ = other.method_;
    text_ = std::move(other.text_);
    scheme_ = other.scheme_;
    host_ = other.host_;
    path_ = other.path_;
    resource_ = other.resource_;
    fields_ = std::move(other.fields_);
    query_count_ = other.query_count_;
    garbage_ = other.garbage_;
    body_ = std::move(other.body_);
    redaction_ = other.redaction_;
    resource_checked_ = other.resource_checked_;
    other.reset_moved_from();
    return *this;
  }
  ~request() = default;

  /// Text room a new request reserves for the headers a signer adds (a V4 or COS signature
  /// without a session token), so that signing it in place (an rvalue) does not grow the text.
  static constexpr std::size_t signature_room = 512;

  /// A request to `where` (scheme, host and encoded path all checked).
  [[nodiscard]] static result<request> make(http::method m, const location& where) {
    request r;
    r.method_ = m;
    r.text_.reserve(where.scheme.size() + where.host.size() + where.path.size() + 64 +
                    signature_room);
    if (auto s = r.set_scheme(where.scheme); !s) return s.error();
    if (auto h = r.set_host(where.host); !h) return h.error();
    if (auto p = r.set_path(where.path); !p) return p.error();
    return r;
  }

  /// A copy with room for `extra_text` more bytes of text and `extra_fields` more headers or
  /// parameters, so that a signer adding its headers allocates nothing more. The text is copied
  /// in one piece, records unchanged, unless the unused text left by replaced fields is as much
  /// as store() would compact away: then only the live text is copied.
  [[nodiscard]] request reserved_copy(std::size_t extra_text, std::size_t extra_fields) const {
    request r;
    r.method_ = method_;
    r.body_ = body_;
    r.redaction_ = redaction_;
    r.resource_checked_ = resource_checked_;
    r.query_count_ = query_count_;
    r.fields_.reserve(fields_.size() + extra_fields);
    r.fields_.assign(fields_.data(), fields_.size());
    if (worth_compacting()) {
      r.text_.reserve(text_.size() - garbage_ + extra_text);
      r.copy_text_from(*this);
      return r;
    }
    r.text_.reserve(text_.size() + extra_text);
    r.text_.assign(text_);
    r.scheme_ = scheme_;
    r.host_ = host_;
    r.path_ = path_;
    r.resource_ = resource_;
    r.garbage_ = garbage_;
    return r;
  }

  /// A copy with `fields` set, each replacing its namesakes (what a signer returns): one copy,
  /// with the room for them reserved up front.
  [[nodiscard]] result<request> with_headers(std::span<const header_field> fields) const {
    std::size_t text = 0;
    bool distinct = true;
    for (std::size_t i = 0; i < fields.size(); ++i) {
      if (auto ok = check(fields[i].name, fields[i].value); !ok) return ok.error();
      text += fields[i].name.size() + fields[i].value.size();
      for (std::size_t j = 0; j < i; ++j)
        distinct = distinct && !detail::iequals(fields[i].name, fields[j].name);
    }
    request out = reserved_copy(text, fields.size());
    if (!distinct || fields.size() > 64) {  // rare: set them one by one (the last one wins)
      for (const header_field& f : fields)
        if (auto ok = out.set_header(f.name, f.value); !ok) return ok.error();
      return out;
    }
    out.set_distinct_headers(fields);
    return out;
  }
  /// For the signers: the same for headers that need no check (see signature_headers).
  [[nodiscard]] request with_headers(detail::signature_headers added) const& {
    std::size_t text = 0;
    for (const header_field& f : added.fields) text += f.name.size() + f.value.size();
    request out = reserved_copy(text, added.fields.size());
    out.set_distinct_headers(added.fields);
    return out;
  }
  /// The same on a request about to be dropped (a signer given an rvalue): set in place, so
  /// neither the text nor the body is copied. A signed request signed again replaces its
  /// signature headers with values of the same lengths, in their own bytes.
  [[nodiscard]] request with_headers(detail::signature_headers added) && {
    std::size_t text = 0;
    for (const header_field& f : added.fields) {
      // A value viewing this request's own text (a token read back from it) would dangle once
      // the text grows: such a call takes the copying path.
      if (views_text(f.value)) return static_cast<const request&>(*this).with_headers(added);
      text += f.name.size() + f.value.size();
    }
    if (text_.size() + text > text_.capacity())
      text_.reserve(objproc::detail::max_of(text_.size() + text, 2 * text_.capacity()));
    set_distinct_headers(added.fields);
    if (worth_compacting()) compact(signature_room);  // room kept for the next signature
    return std::move(*this);
  }

  // -- method, scheme, host, path ----------------------------------------------------------

  [[nodiscard]] http::method method() const noexcept { return method_; }
  void set_method(http::method m) noexcept { method_ = m; }

  // -- redaction ----------------------------------------------------------------------------

  /// What the display forms (to_string, to_curl) hide: a vendor's constexpr declaration, which
  /// must outlive the request and its copies (copies keep it; operator== ignores it). nullptr:
  /// the conservative rule of http/redaction.hpp. Never changes what is sent.
  void set_redaction(const redaction_rules* rules) noexcept { redaction_ = rules; }
  [[nodiscard]] const redaction_rules* redaction() const noexcept { return redaction_; }

  [[nodiscard]] std::string_view scheme() const noexcept { return view(scheme_); }
  /// errc::invalid_scheme: not a lowercase RFC 3986 scheme ("https", "http").
  [[nodiscard]] result<void> set_scheme(std::string_view s) {
    if (auto ok = detail::check_scheme(s); !ok) return ok.error();
    replace(scheme_, s);
    return {};
  }

  [[nodiscard]] std::string_view host() const noexcept { return view(host_); }
  /// errc::invalid_host at the offending byte: '/', '@', spaces, CR, LF, NUL, a bad port.
  [[nodiscard]] result<void> set_host(std::string_view h) {
    if (auto ok = detail::check_host(h); !ok) return ok.error();
    replace(host_, h);
    return {};
  }

  [[nodiscard]] std::string_view path() const noexcept { return view(path_); }
  /// errc::invalid_path: not starting with '/', or a byte that must be percent-encoded.
  [[nodiscard]] result<void> set_path(std::string_view encoded) {
    if (auto ok = detail::check_path(encoded); !ok) return ok.error();
    replace(path_, encoded);
    return {};
  }

  // -- resource -----------------------------------------------------------------------------

  /// What the request addresses (service, bucket, key, region): set by the operation that built
  /// it; empty for a request built by hand until set_resource().
  [[nodiscard]] http::resource resource() const noexcept {
    return {view(resource_[0]), view(resource_[1]), view(resource_[2]), view(resource_[3])};
  }
  /// `checked`: the vendor's mark that its signer's checks of this bucket and key passed (its
  /// operations set it after checking them); any other set_resource() clears it.
  void set_resource(const http::resource& r, const resource_check* checked = nullptr) {
    garbage_ += resource_[0].size + resource_[1].size + resource_[2].size + resource_[3].size;
    resource_ = store<4>({r.service, r.bucket, r.key, r.region});
    resource_checked_ = checked;
  }
  /// The mark set with the resource, or nullptr (copies keep it; operator== ignores it).
  [[nodiscard]] const resource_check* resource_checked() const noexcept {
    return resource_checked_;
  }

  // -- query --------------------------------------------------------------------------------

  /// The parameters in order, raw (decoded): `.key`, `.value` (nullopt for a bare key).
  [[nodiscard]] field_range<query_field> query() const noexcept {
    return {text_.data(), fields_.span().first(query_count_)};
  }

  /// Appends a raw (decoded) parameter; errc::invalid_query_parameter for an empty key.
  [[nodiscard]] result<void> add_query(std::string_view key,
                                       std::optional<std::string_view> value = std::nullopt) {
    if (key.empty()) return error{errc::invalid_query_parameter, 0, "empty query key"};
    const auto refs = store<2>({key, value.value_or(std::string_view())});
    fields_.insert(query_count_, detail::field_record{refs[0], refs[1], value.has_value()});
    ++query_count_;
    return {};
  }
  /// Appends what a signer hands back (a presigned URL's parameters).
  [[nodiscard]] result<void> add_query(std::span<const added_query_field> fields) {
    for (const added_query_field& f : fields)
      if (auto ok = add_query(f.key, std::string_view(f.value)); !ok) return ok;
    return {};
  }
  /// Removes every parameter named `key` (exact match); how many were removed.
  std::size_t remove_query(std::string_view key) {
    const std::size_t removed =
        remove_fields(0, query_count_, [&](std::string_view name) { return name == key; });
    query_count_ -= removed;
    return removed;
  }

  /// Views of the query for the signers (valid while the request is unchanged).
  [[nodiscard]] std::vector<query_field> query_fields() const {
    return std::vector<query_field>(query().begin(), query().end());
  }
  /// The same views into `out` (no heap); errc::value_out_of_range when they do not fit.
  [[nodiscard]] result<std::span<const query_field>> query_fields(
      std::span<query_field> out) const noexcept {
    return copy_fields(query(), out);
  }

  // -- headers ------------------------------------------------------------------------------

  /// The headers in order: `.name`, `.value`.
  [[nodiscard]] field_range<header_field> headers() const noexcept {
    return {text_.data(), fields_.span().subspan(query_count_)};
  }

  /// The first header named `name` (ASCII case-insensitive).
  [[nodiscard]] std::optional<std::string_view> header(std::string_view name) const noexcept {
    for (const header_field h : headers())
      if (detail::iequals(h.name, name)) return h.value;
    return std::nullopt;
  }

  /// Sets `name` to `value`, replacing every header of that name (case-insensitive) in place of
  /// the first one. errc::invalid_header_name / invalid_header_value at the offending byte.
  [[nodiscard]] result<void> set_header(std::string_view name, std::string_view value) {
    if (auto ok = check(name, value); !ok) return ok;
    const auto refs = store<2>({name, value});
    std::size_t first = fields_.size();
    for (std::size_t i = query_count_; i < fields_.size(); ++i)
      if (detail::iequals(view(fields_[i].name), view(refs[0]))) {
        first = i;
        break;
      }
    if (first == fields_.size()) {
      fields_.push_back({refs[0], refs[1], true});
      return {};
    }
    garbage_ += fields_[first].name.size + fields_[first].value.size;
    fields_[first] = {refs[0], refs[1], true};
    (void)remove_fields(first + 1, fields_.size(),
                        [&](std::string_view n) { return detail::iequals(n, name); });
    return {};
  }
  /// Sets every header a signer hands back (each replacing its namesakes).
  [[nodiscard]] result<void> set_headers(std::span<const added_header> fields) {
    for (const added_header& f : fields)
      if (auto ok = set_header(f.name, f.value); !ok) return ok;
    return {};
  }
  /// Appends a header, keeping any of the same name.
  [[nodiscard]] result<void> add_header(std::string_view name, std::string_view value) {
    if (auto ok = check(name, value); !ok) return ok;
    const auto refs = store<2>({name, value});
    fields_.push_back({refs[0], refs[1], true});
    return {};
  }
  /// Removes every header named `name` (case-insensitive); how many were removed.
  std::size_t remove_header(std::string_view name) {
    return remove_fields(query_count_, fields_.size(),
                         [&](std::string_view n) { return detail::iequals(n, name); });
  }

  /// Views of the headers for the signers (valid while the request is unchanged).
  [[nodiscard]] std::vector<header_field> header_fields() const {
    return std::vector<header_field>(headers().begin(), headers().end());
  }
  /// The same views into `out` (no heap); errc::value_out_of_range when they do not fit.
  [[nodiscard]] result<std::span<const header_field>> header_fields(
      std::span<header_field> out) const noexcept {
    return copy_fields(headers(), out);
  }

  // -- body ---------------------------------------------------------------------------------

  [[nodiscard]] const body_type& body() const noexcept { return body_; }
  void set_body(std::string bytes) { body_ = std::move(bytes); }
  /// A streaming body; errc::invalid_argument when it has bytes but no read function.
  [[nodiscard]] result<void> set_body(body_source source) noexcept {
    if (source.size != 0 && source.read == nullptr)
      return error{errc::invalid_argument, error::no_offset, "body_source without a read function"};
    body_ = source;
    return {};
  }
  [[nodiscard]] bool has_streaming_body() const noexcept {
    return std::holds_alternative<body_source>(body_);
  }
  /// The body's length in bytes, owned or streamed.
  [[nodiscard]] std::uint64_t body_size() const noexcept {
    if (const auto* s = std::get_if<std::string>(&body_)) return s->size();
    return std::get<body_source>(body_).size;
  }

  // -- rendering ----------------------------------------------------------------------------

  /// "https://host/path?k=v&bare": exactly what is sent (never redacted).
  [[nodiscard]] std::string url() const {
    detail::span_writer measure;
    write_url(measure);
    std::string out(measure.needed(), '\0');
    detail::span_writer writer(out);
    write_url(writer);
    return out;
  }

  /// The one URL writer: what url() returns, followed by `extra` parameters (a presigning
  /// signer's), into a caller's buffer without the heap; `out` says whether it all fit.
  void write_url(detail::span_writer& out, std::span<const query_field> extra = {}) const noexcept {
    out.put(scheme());
    out.put("://");
    out.put(host());
    out.put(path());
    char separator = '?';
    for (const query_field q : query()) {
      detail::write_query_field(out, separator, q);
      separator = '&';
    }
    detail::write_query_fields(out, separator, extra);
  }

  /// The request target: path and query ("/a.jpg?process").
  [[nodiscard]] std::string target() const {
    std::string out(path());
    append_query(out, false);
    return out;
  }

  /// The HTTP/1.1 request as text for logs, CRLF line ends, secrets redacted. Host comes from
  /// the URL unless a Host header is set; Content-Length is shown for a non-empty body when no
  /// such header is set (what a transport adds); a stream shows "<streaming body, N bytes>".
  [[nodiscard]] std::string to_string() const {
    std::string out(http::to_string(method_));
    out += ' ';
    out += path();
    append_query(out, true);
    out += " HTTP/1.1\r\n";
    if (!header("host")) {
      out += "Host: ";
      out += host();
      out += "\r\n";
    }
    for (const header_field h : headers()) {
      out += h.name;
      out += ": ";
      out += detail::redacted_header_value(h.name, h.value, redaction_);
      out += "\r\n";
    }
    if (body_size() > 0 && !header("content-length")) {
      out += "Content-Length: ";
      out += std::to_string(body_size());
      out += "\r\n";
    }
    out += "\r\n";
    if (const auto* s = std::get_if<std::string>(&body_)) {
      out += *s;
    } else {
      out += "<streaming body, ";
      out += std::to_string(body_size());
      out += " bytes>";
    }
    return out;
  }

  /// A curl command that sends this request, every argument single-quoted, secrets redacted.
  /// curl's own default headers (Accept, User-Agent, Expect, a form Content-Type) are switched
  /// off, so it sends what the descriptor lists. A stream reads its bytes from stdin (@-).
  [[nodiscard]] std::string to_curl() const {
    std::string out = "curl";
    if (method_ == http::method::head) {
      out += " --head";
    } else {
      out += " -X ";
      out += http::to_string(method_);
    }
    std::string u(scheme());
    u += "://";
    u += host();
    u += path();
    append_query(u, true);
    if (u.find_first_of("[]{}") != std::string::npos) out += " --globoff";
    out += ' ';
    detail::append_shell_quoted(out, u);
    const auto add_h = [&](std::string_view name, std::string_view value) {
      std::string line(name);
      line += value.empty() ? ";" : ": ";  // "Name;" sends an empty value, "Name:" none at all
      line += value;
      out += " -H ";
      detail::append_shell_quoted(out, line);
    };
    for (const header_field h : headers())
      add_h(h.name, detail::redacted_header_value(h.name, h.value, redaction_));
    const auto suppress = [&](std::string_view name) {
      if (header(name)) return;
      out += " -H ";
      detail::append_shell_quoted(out, std::string(name) + ":");
    };
    suppress("Accept");
    suppress("User-Agent");
    const bool has_body = body_size() > 0 || has_streaming_body();
    if (has_body) {
      suppress("Content-Type");
      suppress("Expect");
    }
    if (const auto* s = std::get_if<std::string>(&body_)) {
      if (!s->empty()) {
        out += " --data-binary ";
        detail::append_shell_quoted(out, *s);
      }
    } else {
      out += " --data-binary @- # <streaming body, ";
      out += std::to_string(body_size());
      out += " bytes> on stdin";
    }
    return out;
  }

  friend bool operator==(const request& a, const request& b) {
    if (a.method_ != b.method_ || a.scheme() != b.scheme() || a.host() != b.host() ||
        a.path() != b.path() || a.resource() != b.resource() ||
        !objproc::detail::equal_elements(a.query(), b.query()) ||
        !objproc::detail::equal_elements(a.headers(), b.headers()))
      return false;
    if (a.body_.index() != b.body_.index()) return false;
    if (const auto* s = std::get_if<std::string>(&a.body_))
      return *s == std::get<std::string>(b.body_);
    const body_source& x = std::get<body_source>(a.body_);
    const body_source& y = std::get<body_source>(b.body_);
    return x.size == y.size && x.context == y.context && x.read == y.read;
  }

 private:
  [[nodiscard]] static result<void> check(std::string_view name, std::string_view value) {
    if (auto ok = detail::check_header_name(name); !ok) return ok;
    return detail::check_header_value(value);
  }

  template <class Field>
  [[nodiscard]] static result<std::span<const Field>> copy_fields(field_range<Field> fields,
                                                                  std::span<Field> out) noexcept {
    if (fields.size() > out.size())
      return error{errc::value_out_of_range, error::no_offset, "more fields than the array holds"};
    std::size_t n = 0;
    for (const Field f : fields) out[n++] = f;
    return std::span<const Field>(out.first(n));
  }

  [[nodiscard]] std::string_view view(detail::text_ref r) const noexcept {
    return {text_.data() + r.at, r.size};
  }

  /// Whether `s` is (part of) this request's text.
  [[nodiscard]] bool views_text(std::string_view s) const noexcept {
    const auto p = reinterpret_cast<std::uintptr_t>(s.data());
    const auto base = reinterpret_cast<std::uintptr_t>(text_.data());
    return !s.empty() && p >= base && p < base + text_.size();
  }

  /// Appends `parts` to the arena and returns where they went. A part may be a view of the
  /// arena itself (set_header("Host", request.host())): room is made first, so it stays valid.
  template <std::size_t N>
  std::array<detail::text_ref, N> store(std::array<std::string_view, N> parts) {
    std::array<std::size_t, N> inside{};
    bool aliased = false;
    std::size_t total = 0;
    const auto base = reinterpret_cast<std::uintptr_t>(text_.data());
    for (std::size_t i = 0; i < N; ++i) {
      const auto p = reinterpret_cast<std::uintptr_t>(parts[i].data());
      inside[i] = !parts[i].empty() && p >= base && p < base + text_.size()
                      ? static_cast<std::size_t>(p - base)
                      : std::string_view::npos;
      aliased = aliased || inside[i] != std::string_view::npos;
      total += parts[i].size();
    }
    if (!aliased && worth_compacting()) compact(total);
    if (text_.size() + total > text_.capacity())
      text_.reserve(objproc::detail::max_of(text_.size() + total, 2 * text_.capacity()));
    std::array<detail::text_ref, N> refs{};
    for (std::size_t i = 0; i < N; ++i) {
      const std::string_view part =
          inside[i] != std::string_view::npos
              ? std::string_view(text_.data() + inside[i], parts[i].size())
              : parts[i];
      refs[i] = {text_.size(), part.size()};
      text_.append(part);
    }
    return refs;
  }

  /// Replaced text is left behind; it is dropped once it is most of the arena.
  [[nodiscard]] bool worth_compacting() const noexcept {
    return garbage_ > 256 && garbage_ * 2 > text_.size();
  }

  void replace(detail::text_ref& ref, std::string_view s) {
    const std::size_t old = ref.size;
    ref = store<1>({s})[0];
    garbage_ += old;
  }

  /// What set_header() on each of `fields` in turn does, in one pass over the headers: each
  /// field replaces the first header of its name and drops the others, or goes at the end.
  /// Precondition: fields checked, names pairwise distinct (case-insensitively), at most 64,
  /// none a view of this request's own text (with_headers checks), so the text is appended
  /// directly, without store()'s aliasing and compaction checks; room reserved by the caller.
  /// A field replacing a header of the same name and value lengths is written over its bytes
  /// (no record's text is shared with another's), which leaves nothing behind: a request signed
  /// again does not grow.
  void set_distinct_headers(std::span<const header_field> fields) {
    const auto append = [this](const header_field& f) {
      const std::size_t at = text_.size();
      text_.append(f.name);
      text_.append(f.value);
      return detail::field_record{{at, f.name.size()}, {at + f.name.size(), f.value.size()}, true};
    };
    std::uint64_t placed = 0;  // bit i: fields[i] took the place of a header
    std::size_t kept = query_count_;
    for (std::size_t i = query_count_; i < fields_.size(); ++i) {
      const std::string_view name = view(fields_[i].name);
      std::size_t match = fields.size();
      for (std::size_t j = 0; j < fields.size() && match == fields.size(); ++j)
        if (detail::iequals(name, fields[j].name)) match = j;
      if (match == fields.size()) {
        fields_[kept++] = fields_[i];
        continue;
      }
      if ((placed >> match & 1U) != 0) {  // a later namesake: removed
        garbage_ += fields_[i].name.size + fields_[i].value.size;
        continue;
      }
      placed |= std::uint64_t{1} << match;
      const header_field& f = fields[match];
      if (fields_[i].name.size == f.name.size() && fields_[i].value.size == f.value.size()) {
        // move, not copy: well defined even if a value were these very bytes.
        std::char_traits<char>::move(text_.data() + fields_[i].name.at, f.name.data(),
                                     f.name.size());
        std::char_traits<char>::move(text_.data() + fields_[i].value.at, f.value.data(),
                                     f.value.size());
        fields_[kept++] = fields_[i];
        continue;
      }
      garbage_ += fields_[i].name.size + fields_[i].value.size;
      fields_[kept++] = append(f);
    }
    fields_.erase(kept, fields_.size());
    for (std::size_t j = 0; j < fields.size(); ++j)
      if ((placed >> j & 1U) == 0) fields_.push_back(append(fields[j]));
  }

  /// Removes the records in [from, to) whose name matches; how many.
  template <class Match>
  std::size_t remove_fields(std::size_t from, std::size_t to, const Match& match) {
    std::size_t kept = from;
    for (std::size_t i = from; i < to; ++i) {
      if (match(view(fields_[i].name))) {
        garbage_ += fields_[i].name.size + fields_[i].value.size;
        continue;
      }
      fields_[kept++] = fields_[i];
    }
    const std::size_t removed = to - kept;
    fields_.erase(kept, to);
    return removed;
  }

  /// Rewrites the arena with only the live text (the records follow), with room for `extra`.
  void compact(std::size_t extra) {
    request fresh;
    fresh.fields_ = std::move(fields_);
    fresh.text_.reserve(text_.size() - garbage_ + extra);
    fresh.scheme_ = scheme_;
    fresh.host_ = host_;
    fresh.path_ = path_;
    fresh.resource_ = resource_;
    fresh.copy_text_from(*this);
    text_ = std::move(fresh.text_);
    fields_ = std::move(fresh.fields_);
    scheme_ = fresh.scheme_;
    host_ = fresh.host_;
    path_ = fresh.path_;
    resource_ = fresh.resource_;
    garbage_ = 0;
  }

  /// Fills this (empty, reserved) arena with the live text of `from`, re-pointing this
  /// request's records (copies of `from`'s) at it.
  void copy_text_from(const request& from) {
    text_.clear();
    const auto move_ref = [&](detail::text_ref& r) {
      const std::string_view s = from.view(r);
      r = {text_.size(), s.size()};
      text_.append(s);
    };
    scheme_ = from.scheme_;
    host_ = from.host_;
    path_ = from.path_;
    resource_ = from.resource_;
    move_ref(scheme_);
    move_ref(host_);
    move_ref(path_);
    for (detail::text_ref& r : resource_) move_ref(r);
    for (detail::field_record& f : fields_) {
      move_ref(f.name);
      move_ref(f.value);
    }
    garbage_ = 0;
  }

  void append_query(std::string& out, bool redact) const {
    char sep = '?';
    for (const query_field q : query()) {
      out += sep;
      sep = '&';
      append_percent_encoded(out, q.key, percent_set::component);
      if (!q.value) continue;
      out += '=';
      if (redact && detail::is_secret_query_key(q.key, redaction_))
        out += detail::redacted;
      else
        append_percent_encoded(out, *q.value, percent_set::component);
    }
  }

  /// A moved-from request: empty (no scheme, host, path, fields or body; no text for them to
  /// refer to) and usable again once given what it needs. Cheaper than a new request's
  /// "https/" arena, which would cost a string call on every move of a signed request.
  void reset_moved_from() noexcept {
    method_ = http::method::get;
    text_.clear();
    scheme_ = host_ = path_ = {};
    resource_ = {};
    fields_.clear();
    query_count_ = 0;
    garbage_ = 0;
    if (auto* bytes = std::get_if<std::string>(&body_))
      bytes->clear();
    else
      body_.emplace<std::string>();
    redaction_ = nullptr;
    resource_checked_ = nullptr;
  }

  // The arena starts as "https/": the default scheme and path, within the small-string buffer.
  static constexpr std::string_view initial_text = "https/";
  static constexpr detail::text_ref initial_scheme = {0, 5};
  static constexpr detail::text_ref initial_host = {5, 0};
  static constexpr detail::text_ref initial_path = {5, 1};

  http::method method_ = http::method::get;
  std::string text_ = std::string(initial_text);
  detail::text_ref scheme_ = initial_scheme;
  detail::text_ref host_ = initial_host;
  detail::text_ref path_ = initial_path;
  std::array<detail::text_ref, 4> resource_ = {};  // service, bucket, key, region
  detail::record_vector fields_;                   // the query [0, query_count_), then the headers
  std::size_t query_count_ = 0;
  std::size_t garbage_ = 0;  // bytes of text_ no record points at any more
  body_type body_;
  const redaction_rules* redaction_ = nullptr;        // the vendor's declaration; not compared
  const resource_check* resource_checked_ = nullptr;  // the vendor's mark; not compared
};

}  // namespace http

OBJPROC_NAMESPACE_END

#endif  // OBJPROC_HTTP_REQUEST_HPP
