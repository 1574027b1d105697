"""cbpy_lzma - a drop-in replacement for CPython's ``_lzma`` module.

All byte work is done by the generated C module ``_cbpy_lzma`` (built from
examples/lzma/glue.in); this layer only does what ``Modules/_lzmamodule.c``
does around its liblzma calls: argument parsing (with _lzma's error types and
messages), filter-specifier validation, the compressor's flush state and the
decompressor's input-buffering state machine (``needs_input``, ``eof``,
``unused_data``, ``check``).

Usage as ``_lzma``::

    import sys, cbpy_lzma
    sys.modules["_lzma"] = cbpy_lzma
    import lzma            # lzma.py now runs on top of cbpy_lzma

Semantics follow CPython 3.11's _lzma.  Differences that cannot matter to
callers: the classes are Python classes named ``cbpy_lzma.LZMACompressor`` /
``cbpy_lzma.LZMADecompressor`` (error messages that include a qualified name
say ``cbpy_lzma.`` where _lzma says ``_lzma.``), and
``_decode_filter_properties`` of a BCJ filter with empty properties returns
``start_offset`` 0 where CPython 3.11 crashes.  While the glue binds
properties_decode as taking a filter dict, ``_decode_filter_properties`` of an
id that liblzma knows but _lzma does not (ARM64) raises LZMAError where _lzma
raises ValueError.
"""

import sys as _sys
from operator import index as _index
import threading as _threading
from types import MappingProxyType as _MappingProxyType

import _cbpy_lzma as _c
from _cbpy_lzma import (
    LZMAError,
    CHECK_NONE, CHECK_CRC32, CHECK_CRC64, CHECK_SHA256, CHECK_ID_MAX,
    FILTER_LZMA1, FILTER_LZMA2, FILTER_DELTA, FILTER_X86, FILTER_POWERPC,
    FILTER_IA64, FILTER_ARM, FILTER_ARMTHUMB, FILTER_SPARC,
    MF_HC3, MF_HC4, MF_BT2, MF_BT3, MF_BT4,
    MODE_FAST, MODE_NORMAL,
    PRESET_DEFAULT, PRESET_EXTREME,
    version_string, version_number,
)

# _lzma's own constants (not liblzma's).
FORMAT_AUTO = 0
FORMAT_XZ = 1
FORMAT_ALONE = 2
FORMAT_RAW = 3
CHECK_UNKNOWN = CHECK_ID_MAX + 1

# Exactly the public names of CPython's _lzma, so that lzma.py's
# ``from _lzma import *`` picks up the same set.
__all__ = [
    "CHECK_CRC32", "CHECK_CRC64", "CHECK_ID_MAX", "CHECK_NONE",
    "CHECK_SHA256", "CHECK_UNKNOWN",
    "FILTER_ARM", "FILTER_ARMTHUMB", "FILTER_DELTA", "FILTER_IA64",
    "FILTER_LZMA1", "FILTER_LZMA2", "FILTER_POWERPC", "FILTER_SPARC",
    "FILTER_X86",
    "FORMAT_ALONE", "FORMAT_AUTO", "FORMAT_RAW", "FORMAT_XZ",
    "LZMACompressor", "LZMADecompressor", "LZMAError",
    "MF_BT2", "MF_BT3", "MF_BT4", "MF_HC3", "MF_HC4",
    "MODE_FAST", "MODE_NORMAL", "PRESET_DEFAULT", "PRESET_EXTREME",
    "is_check_supported",
]

_Stream = _c.Stream
_RUN = _c.RUN
_FINISH = _c.FINISH
_OK = _c.OK
_STREAM_END = _c.STREAM_END
_GET_CHECK = _c.GET_CHECK
_NO_CHECK = _c.NO_CHECK
_BUF_ERROR = _c.BUF_ERROR
_DECODER_FLAGS = _c.TELL_ANY_CHECK | _c.TELL_NO_CHECK
_FILTERS_MAX = _c.FILTERS_MAX

_UINT32_MAX = 0xFFFFFFFF
_UINT64_MAX = 0xFFFFFFFFFFFFFFFF
_INT_MIN = -0x80000000
_INT_MAX = 0x7FFFFFFF
_MISSING = object()


# ---------------------------------------------------------------------------
# Conversions, with the error types/messages of the C converters _lzma uses.

def _as_ull(obj):
    # PyLong_AsUnsignedLongLong (no __index__ support)
    if not isinstance(obj, int):
        raise TypeError("an integer is required")
    if obj < 0:
        raise OverflowError("can't convert negative int to unsigned")
    if obj > _UINT64_MAX:
        raise OverflowError("int too big to convert")
    return int(obj)


def _as_uint32(obj):
    # _lzma's uint32_converter
    value = _as_ull(obj)
    if value > _UINT32_MAX:
        raise OverflowError("Value too large for uint32_t type")
    return value


def _as_c_int(obj):
    # Argument Clinic's "int" (_PyLong_AsInt)
    value = int(_index(obj))
    if not _INT_MIN <= value <= _INT_MAX:
        raise OverflowError("Python int too large to convert to C int")
    return value


def _as_getargs_int(obj):
    # PyArg_ParseTupleAndKeywords' "i"
    value = int(_index(obj))
    if not -0x8000000000000000 <= value <= 0x7FFFFFFFFFFFFFFF:
        raise OverflowError("Python int too large to convert to C long")
    if value > _INT_MAX:
        raise OverflowError("signed integer is greater than maximum")
    if value < _INT_MIN:
        raise OverflowError("signed integer is less than minimum")
    return value


def _as_ssize(obj):
    # Argument Clinic's "Py_ssize_t"
    value = obj if type(obj) is int else int(_index(obj))
    if not -_sys.maxsize - 1 <= value <= _sys.maxsize:
        raise OverflowError("Python int too large to convert to C ssize_t")
    return value


def _as_buffer(obj):
    # Argument Clinic's "Py_buffer" (PyBUF_SIMPLE, C-contiguous); returns an
    # object whose len() is its size in bytes.
    if type(obj) is bytes:
        return obj
    try:
        view = memoryview(obj)
    except TypeError:
        raise TypeError("a bytes-like object is required, not '%s'"
                        % type(obj).__name__) from None
    if not view.c_contiguous:
        raise BufferError("memoryview: underlying buffer is not C-contiguous")
    if view.itemsize != 1 or view.ndim != 1:
        view = view.cast("B")
    return view


def _c_enum(value):
    # A C int passed where liblzma takes an (unsigned) enum: liblzma sees the
    # value modulo 2**32 and rejects out-of-range ones itself.
    return value & _UINT32_MAX


# ---------------------------------------------------------------------------
# Argument parsing, with the messages of CPython 3.11's parsers.

def _plural(n):
    return "" if n == 1 else "s"


def _check_keywords(fname, names, nargs, kwargs):
    """The keyword errors Argument Clinic raises: a name also given by position, or a name
    the function does not have."""
    for i in range(nargs):
        if names[i] in kwargs:
            raise TypeError("argument for %s() given by name ('%s') and "
                            "position (%d)" % (fname, names[i], i + 1))
    for key in kwargs:
        if key not in names:
            raise TypeError("'%s' is an invalid keyword argument for %s()"
                            % (key, fname))


def _parse_tuple_and_keywords(fname, names, converters, defaults, args, kwargs):
    """PyArg_ParseTupleAndKeywords with only optional parameters."""
    nargs = len(args)
    nkw = len(kwargs)
    if nargs + nkw > len(names):
        raise TypeError("%s() takes at most %d argument%s (%d given)"
                        % (fname, len(names), _plural(len(names)), nargs + nkw))
    values = []
    for i, name in enumerate(names):
        if i < nargs:
            value = args[i]
        elif name in kwargs:
            value = kwargs[name]
        else:
            values.append(defaults[i])
            continue
        convert = converters[i]
        values.append(convert(value) if convert is not None else value)
    if nkw:
        _check_keywords(fname, names, nargs, kwargs)
    return values


def _unpack_keywords(fname, names, minpos, args, kwargs):
    """Argument Clinic's _PyArg_UnpackKeywords; missing -> _MISSING."""
    nargs = len(args)
    nkw = len(kwargs)
    maxargs = len(names)
    if nargs + nkw > maxargs:
        raise TypeError("%s() takes at most %d %sargument%s (%d given)"
                        % (fname, maxargs, "keyword " if nargs == 0 else "",
                           _plural(maxargs), nargs + nkw))
    values = list(args)
    for i in range(nargs, maxargs):
        value = kwargs.get(names[i], _MISSING) if nkw else _MISSING
        if value is not _MISSING:
            nkw -= 1
        elif i < minpos:
            raise TypeError("%s() missing required argument '%s' (pos %d)"
                            % (fname, names[i], i + 1))
        values.append(value)
    if nkw:
        _check_keywords(fname, names, nargs, kwargs)
    return values


def _single_arg(fname, args, kwargs):
    """METH_O"""
    if kwargs:
        raise TypeError("%s() takes no keyword arguments" % fname)
    if len(args) != 1:
        raise TypeError("%s() takes exactly one argument (%d given)"
                        % (fname, len(args)))
    return args[0]


# ---------------------------------------------------------------------------
# Filter specifiers (parse_filter_chain_spec / lzma_filter_converter).

_LZMA_OPTIONS = ("dict_size", "lc", "lp", "pb", "mode", "nice_len", "mf",
                 "depth")
_BCJ_IDS = frozenset((FILTER_X86, FILTER_POWERPC, FILTER_IA64, FILTER_ARM,
                      FILTER_ARMTHUMB, FILTER_SPARC))
_LZMA_DELTA_IDS = frozenset((FILTER_LZMA1, FILTER_LZMA2, FILTER_DELTA))


def _parse_options(spec, options, allowed, kind):
    # PyArg_ParseTupleAndKeywords(empty_tuple, spec, "|O[O]O&...", names):
    # any failure (not a dict, unknown or non-string key, bad value) becomes
    # the same ValueError.
    if not isinstance(spec, dict):
        raise ValueError("Invalid filter specifier for %s filter" % kind)
    for key, value in dict.items(spec):
        if key in allowed and isinstance(key, str):
            if key != "id" and key != "preset":
                try:
                    options[key] = _as_uint32(value)
                except (TypeError, OverflowError):
                    raise ValueError("Invalid filter specifier for %s filter"
                                     % kind) from None
        else:
            raise ValueError("Invalid filter specifier for %s filter" % kind)
    return options


_LZMA_ALLOWED = frozenset(("id", "preset") + _LZMA_OPTIONS)
_DELTA_ALLOWED = frozenset(("id", "dist"))
_BCJ_ALLOWED = frozenset(("id", "start_offset"))


def _lzma_preset(preset):
    # lzma_lzma_preset(out options, preset) -> lzma_bool: (failed, options)
    failed, options = _c.lzma_preset(preset)
    if failed:
        raise LZMAError("Invalid compression preset: %d" % preset)
    return options


def _parse_filter(spec):
    """One filter specifier -> the complete dict the C module takes."""
    if not hasattr(type(spec), "__getitem__"):          # PyMapping_Check
        raise TypeError("Filter specifier must be a dict or dict-like object")
    try:
        id_obj = spec["id"]
    except KeyError:
        raise ValueError('Filter specifier must have an "id" entry') from None
    filter_id = _as_ull(id_obj)
    if filter_id == FILTER_LZMA1 or filter_id == FILTER_LZMA2:
        try:
            preset_obj = spec["preset"]
        except KeyError:
            preset = PRESET_DEFAULT
        else:
            preset = _as_uint32(preset_obj)
        options = _parse_options(spec, _lzma_preset(preset), _LZMA_ALLOWED,
                                 "LZMA")
    elif filter_id == FILTER_DELTA:
        options = _parse_options(spec, {"dist": 1}, _DELTA_ALLOWED, "delta")
    elif filter_id in _BCJ_IDS:
        options = _parse_options(spec, {"start_offset": 0}, _BCJ_ALLOWED,
                                 "BCJ")
    else:
        raise ValueError("Invalid filter ID: %d" % filter_id)
    result = {"id": filter_id}
    result.update(options)
    return result


def _parse_filter_chain(specs):
    if isinstance(specs, (dict, _MappingProxyType)):   # PySequence_Size
        raise TypeError("%s is not a sequence" % type(specs).__name__)
    count = len(specs)
    if count > _FILTERS_MAX:
        raise ValueError("Too many filters - liblzma supports a maximum of %d"
                         % _FILTERS_MAX)
    return [_parse_filter(specs[i]) for i in range(count)]


# ---------------------------------------------------------------------------
# Shared class behaviour: not subclassable, not picklable, read-only members.

def _not_acceptable_base(cls):
    def __init_subclass__(sub, **kwargs):
        raise TypeError("type '%s.%s' is not an acceptable base type"
                        % (cls.__module__, cls.__qualname__))
    cls.__init_subclass__ = classmethod(__init_subclass__)
    return cls


def _cannot_pickle(self, *args):
    raise TypeError("cannot pickle '%s.%s' object"
                    % (type(self).__module__, type(self).__qualname__))


def _readonly(slot, doc):
    def _set(self, value):
        raise AttributeError("readonly attribute")

    def _del(self):
        raise AttributeError("readonly attribute")
    return property(slot.__get__, _set, _del, doc)


# ---------------------------------------------------------------------------

@_not_acceptable_base
class LZMACompressor:
    """LZMACompressor(format=FORMAT_XZ, check=-1, preset=None, filters=None)

Create a compressor object for compressing data incrementally.

format specifies the container format to use for the output. This can
be FORMAT_XZ (default), FORMAT_ALONE, or FORMAT_RAW.

check specifies the integrity check to use. For FORMAT_XZ, the default
is CHECK_CRC64. FORMAT_ALONE and FORMAT_RAW do not support integrity
checks; for these formats, check must be omitted, or be CHECK_NONE.

The settings used by the compressor can be specified either as a
preset compression level (with the 'preset' argument), or in detail
as a custom filter chain (with the 'filters' argument). For FORMAT_XZ
and FORMAT_ALONE, the default is to use the PRESET_DEFAULT preset
level. For FORMAT_RAW, the caller must always specify a filter chain;
the raw compressor does not support preset compression levels.

preset (if provided) should be an integer in the range 0-9, optionally
OR-ed with the constant PRESET_EXTREME.

filters (if provided) should be a sequence of dicts. Each dict should
have an entry for "id" indicating the ID of the filter, plus
additional entries for options to the filter.

For one-shot compression, use the compress() function instead.
"""

    __slots__ = ("_lock", "_stream", "_flushed")

    __reduce__ = __reduce_ex__ = __getstate__ = _cannot_pickle

    def __new__(cls, *args, **kwargs):
        self = object.__new__(cls)
        self._lock = _threading.Lock()
        self._stream = None
        self._flushed = False
        return self

    def __init__(self, *args, **kwargs):
        format, check, preset_obj, filterspecs = _parse_tuple_and_keywords(
            "LZMACompressor", ("format", "check", "preset", "filters"),
            (_as_getargs_int, _as_getargs_int, None, None),
            (FORMAT_XZ, -1, None, None), args, kwargs)

        if format != FORMAT_XZ and check != -1 and check != CHECK_NONE:
            raise ValueError("Integrity checks are only supported by FORMAT_XZ")
        if preset_obj is not None and filterspecs is not None:
            raise ValueError("Cannot specify both preset and filter chain")
        preset = PRESET_DEFAULT
        if preset_obj is not None:
            preset = _as_uint32(preset_obj)

        if format == FORMAT_XZ:
            if check == -1:
                check = CHECK_CRC64
            if filterspecs is None:
                stream = _Stream.easy_encoder(preset, _c_enum(check))
            else:
                filters = _parse_filter_chain(filterspecs)
                stream = _Stream.stream_encoder(filters, _c_enum(check))
        elif format == FORMAT_ALONE:
            if filterspecs is None:
                options = _lzma_preset(preset)
            else:
                filters = _parse_filter_chain(filterspecs)
                if len(filters) != 1 or filters[0]["id"] != FILTER_LZMA1:
                    raise ValueError("Invalid filter chain for FORMAT_ALONE - "
                                     "must be a single LZMA1 filter")
                options = filters[0]
                del options["id"]
            stream = _Stream.alone_encoder(options)
        elif format == FORMAT_RAW:
            if filterspecs is None:
                raise ValueError("Must specify filters for FORMAT_RAW")
            filters = _parse_filter_chain(filterspecs)
            stream = _Stream.raw_encoder(filters)
        else:
            raise ValueError("Invalid container format: %d" % format)

        with self._lock:
            self._stream = stream
            self._flushed = False

    def compress(self, *args, **kwargs):
        """compress($self, data, /)
--

Provide data to the compressor object.

Returns a chunk of compressed data if possible, or b'' otherwise.

When you have finished providing data to the compressor, call the
flush() method to finish the compression process."""
        data = _as_buffer(_single_arg("LZMACompressor.compress", args, kwargs))
        with self._lock:
            if self._flushed:
                raise ValueError("Compressor has been flushed")
            return self._code(data, _RUN)

    def flush(self, *args, **kwargs):
        """flush($self, /)
--

Finish the compression process.

Returns the compressed data left in internal buffers.

The compressor object may not be used after this method is called."""
        if kwargs:
            raise TypeError("LZMACompressor.flush() takes no keyword arguments")
        if args:
            raise TypeError("LZMACompressor.flush() takes no arguments (%d given)"
                            % len(args))
        with self._lock:
            if self._flushed:
                raise ValueError("Repeated call to flush()")
            self._flushed = True
            return self._code(b"", _FINISH)

    def _code(self, data, action):
        # _lzma's compress(): run lzma_code until all input is consumed (RUN)
        # or the stream is finished (FINISH).  The C call already grows the
        # output while liblzma fills it.
        stream = self._stream
        if stream is None:                  # never initialised
            raise LZMAError("Internal error")
        size = len(data)
        status, out = stream.code(data, -1, action)
        pos = size - stream.avail_in
        chunks = None
        while True:
            if status == _BUF_ERROR:
                if size != 0 or action == _FINISH:
                    # no progress while there was work left: a real error
                    raise LZMAError("Insufficient buffer space")
                status = _OK                # "That wasn't a real error"
            if action == _RUN:
                if pos == size:
                    break
            elif status == _STREAM_END:
                break
            if chunks is None:
                chunks = [out]
            status, out = stream.code(memoryview(data)[pos:], -1, action)
            pos = size - stream.avail_in
            chunks.append(out)
        if chunks is None:
            return out
        return b"".join(chunks)


@_not_acceptable_base
class LZMADecompressor:
    """LZMADecompressor(format=FORMAT_AUTO, memlimit=None, filters=None)
--

Create a decompressor object for decompressing data incrementally.

  format
    Specifies the container format of the input stream.  If this is
    FORMAT_AUTO (the default), the decompressor will automatically detect
    whether the input is FORMAT_XZ or FORMAT_ALONE.  Streams created with
    FORMAT_RAW cannot be autodetected.
  memlimit
    Limit the amount of memory used by the decompressor.  This will cause
    decompression to fail if the input cannot be decompressed within the
    given limit.
  filters
    A custom filter chain.  This argument is required for FORMAT_RAW, and
    not accepted with any other format.  When provided, this should be a
    sequence of dicts, each indicating the ID and options for a single
    filter.

For one-shot decompression, use the decompress() function instead."""

    __slots__ = ("_lock", "_stream", "_check", "_eof", "_needs_input",
                 "_unused_data", "_input")

    __reduce__ = __reduce_ex__ = __getstate__ = _cannot_pickle

    def __new__(cls, *args, **kwargs):
        self = object.__new__(cls)
        self._lock = _threading.Lock()
        self._stream = None
        self._check = CHECK_UNKNOWN
        self._eof = False
        self._needs_input = True
        self._unused_data = b""
        self._input = None      # unconsumed input (lzs->next_in != NULL)
        return self

    def __init__(self, *args, **kwargs):
        format, memlimit, filterspecs = _unpack_keywords(
            "LZMADecompressor", ("format", "memlimit", "filters"), 0,
            args, kwargs)
        format = FORMAT_AUTO if format is _MISSING else _as_c_int(format)
        if memlimit is _MISSING:
            memlimit = None
        if filterspecs is _MISSING:
            filterspecs = None

        memlimit_ = _UINT64_MAX
        if memlimit is not None:
            if format == FORMAT_RAW:
                raise ValueError("Cannot specify memory limit with FORMAT_RAW")
            memlimit_ = _as_ull(memlimit)
        if format == FORMAT_RAW and filterspecs is None:
            raise ValueError("Must specify filters for FORMAT_RAW")
        elif format != FORMAT_RAW and filterspecs is not None:
            raise ValueError("Cannot specify filters except with FORMAT_RAW")

        check = CHECK_UNKNOWN
        if format == FORMAT_AUTO:
            stream = _Stream.auto_decoder(memlimit_, _DECODER_FLAGS)
        elif format == FORMAT_XZ:
            stream = _Stream.stream_decoder(memlimit_, _DECODER_FLAGS)
        elif format == FORMAT_ALONE:
            check = CHECK_NONE
            stream = _Stream.alone_decoder(memlimit_)
        elif format == FORMAT_RAW:
            check = CHECK_NONE
            filters = _parse_filter_chain(filterspecs)
            stream = _Stream.raw_decoder(filters)
        else:
            raise ValueError("Invalid container format: %d" % format)

        with self._lock:
            self._stream = stream
            self._check = check
            self._eof = False
            self._needs_input = True
            self._unused_data = b""
            self._input = None

    def decompress(self, *args, **kwargs):
        """decompress($self, /, data, max_length=-1)
--

Decompress *data*, returning uncompressed data as bytes.

If *max_length* is nonnegative, returns at most *max_length* bytes of
decompressed data. If this limit is reached and further output can be
produced, *self.needs_input* will be set to ``False``. In this case, the next
call to *decompress()* may provide *data* as b'' to obtain more of the output.

If all of the input data was decompressed and returned (either because this
was less than *max_length* bytes, or because *max_length* was negative),
*self.needs_input* will be set to True.

Attempting to decompress data after the end of stream is reached raises an
EOFError.  Any data found after the end of the stream is ignored and saved in
the unused_data attribute."""
        if not kwargs and 1 <= len(args) <= 2:      # fast path, same result
            data = args[0]
            max_length = args[1] if len(args) == 2 else _MISSING
        else:
            data, max_length = _unpack_keywords(
                "decompress", ("data", "max_length"), 1, args, kwargs)
        data = _as_buffer(data)
        max_length = -1 if max_length is _MISSING else _as_ssize(max_length)
        with self._lock:
            if self._eof:
                raise EOFError("Already at end of stream")
            return self._decompress(data, max_length)

    def _decompress(self, data, max_length):
        # _lzma's decompress(): prepend the unconsumed input kept from the
        # previous call, run, then keep what is still unconsumed.
        pending = self._input
        if pending is not None:
            # pending is a memoryview over a bytes object of our own
            buf = memoryview(b"".join((pending, data))) if len(data) else pending
        else:
            buf = data
        try:
            result, pos = self._decompress_buf(buf, max_length)
        except BaseException:
            self._input = None
            raise
        size = len(buf)
        if self._eof:
            self._needs_input = False
            if pos < size:
                self._unused_data = bytes(buf[pos:])
        elif pos == size:
            self._input = None
            # output filled up to max_length: liblzma may hold more output
            self._needs_input = not (0 <= max_length == len(result))
        else:
            self._needs_input = False
            if pending is not None:
                # buf is already our own copy: no need to copy again
                self._input = buf[pos:]
            else:
                # copy the tail out of the caller's buffer
                tail = buf[pos:]
                self._input = memoryview(tail if type(tail) is bytes
                                         else bytes(tail))
        return result

    def _decompress_buf(self, buf, max_length):
        # _lzma's decompress_buf(): returns (output, bytes of buf consumed).
        stream = self._stream
        if stream is None:                  # never initialised
            raise LZMAError("Internal error")
        size = len(buf)
        status, out = stream.code(buf, max_length, _RUN)
        pos = size - stream.avail_in
        chunks = None
        produced = len(out)
        while True:
            if status == _BUF_ERROR:
                if pos == size and (max_length < 0 or produced < max_length):
                    status = _OK            # "That wasn't a real error"
                else:
                    raise LZMAError("Insufficient buffer space")
            elif status == _GET_CHECK or status == _NO_CHECK:
                self._check = stream.get_check()
            if status == _STREAM_END:
                self._eof = True
                break
            if 0 <= max_length <= produced:
                break
            if pos == size and (status == _OK or stream.avail_out != 0):
                break
            # GET_CHECK/NO_CHECK returned early, or liblzma stopped with both
            # input and output room left: call again.
            if chunks is None:
                chunks = [out]
            view = buf if type(buf) is memoryview else memoryview(buf)
            status, out = stream.code(
                view[pos:], max_length if max_length < 0 else
                max_length - produced, _RUN)
            pos = size - stream.avail_in
            produced += len(out)
            chunks.append(out)
        if chunks is None:
            return out, pos
        # Usually one chunk holds it all (GET_CHECK ends the first call early,
        # before any output): no copy then.
        chunks = [chunk for chunk in chunks if chunk]
        return (chunks[0] if len(chunks) == 1 else b"".join(chunks)), pos


# Read-only members of LZMADecompressor, as _lzma's PyMemberDefs.
LZMADecompressor.check = _readonly(
    LZMADecompressor._check,
    "ID of the integrity check used by the input stream.")
LZMADecompressor.eof = _readonly(
    LZMADecompressor._eof,
    "True if the end-of-stream marker has been reached.")
LZMADecompressor.needs_input = _readonly(
    LZMADecompressor._needs_input,
    "True if more input is needed before more decompressed data can be "
    "produced.")
LZMADecompressor.unused_data = _readonly(
    LZMADecompressor._unused_data,
    "Data found after the end of the compressed stream.")


# ---------------------------------------------------------------------------
# Module functions.

def is_check_supported(*args, **kwargs):
    """is_check_supported($module, check_id, /)
--

Test whether the given integrity check is supported.

Always returns True for CHECK_NONE and CHECK_CRC32."""
    check_id = _as_c_int(_single_arg(__name__ + ".is_check_supported",
                                     args, kwargs))
    return bool(_c.is_check_supported(_c_enum(check_id)))


def _encode_filter_properties(*args, **kwargs):
    """_encode_filter_properties($module, filter, /)
--

Return a bytes object encoding the options (properties) of the filter specified by *filter* (a dict).

The result does not include the filter ID itself, only the options."""
    spec = _single_arg(__name__ + "._encode_filter_properties", args, kwargs)
    filter = _parse_filter(spec)
    return _c.properties_encode(filter, _c.properties_size(filter))


def _decode_filter_properties(*args, **kwargs):
    """_decode_filter_properties($module, filter_id, encoded_props, /)
--

Return a bytes object encoding the options (properties) of the filter specified by *filter* (a dict).

The result does not include the filter ID itself, only the options."""
    if kwargs:
        raise TypeError("%s._decode_filter_properties() takes no keyword "
                        "arguments" % __name__)
    if len(args) != 2:
        raise TypeError("_decode_filter_properties expected 2 arguments, "
                        "got %d" % len(args))
    filter_id = _as_ull(args[0])
    encoded_props = _as_buffer(args[1])
    # The C side selects the options kind by id (DecodedFilter in glue.in);
    # liblzma rejects ids it does not know with LZMA_OPTIONS_ERROR, as _lzma
    # reports them.
    if not (filter_id in _BCJ_IDS or filter_id in _LZMA_DELTA_IDS):
        raise LZMAError("Invalid or unsupported options")
    spec = _c.properties_decode({"id": filter_id}, encoded_props)
    # BCJ filters with empty properties get no options struct: offset 0.
    if filter_id in _BCJ_IDS:
        spec.setdefault("start_offset", 0)
    return spec


# Checksums of liblzma, in zlib.crc32's calling convention.

def crc32(data, value=0, /):
    """crc32(data, value=0, /) -> CRC-32 of data, continuing from value."""
    return _c.crc32(data, value)


def crc64(data, value=0, /):
    """crc64(data, value=0, /) -> CRC-64 (xz's) of data, continuing from value."""
    return _c.crc64(data, value)
