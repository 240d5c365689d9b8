/* Unit tests of src/vm/format.c.  Every expected string below was produced
 * by CPython 3.11 (format(value, spec) and repr(value)); the generator was a
 * throwaway script, the table is the record. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "vm/format.h"

typedef struct {
    double x;
    const char *want;
} ReprCase;

typedef struct {
    char kind;           /* 'i', 'f' or 's' */
    int64_t i;
    double f;
    const char *s;
    const char *spec;
    int ok;              /* 1: want is the result; 0: want is the error message */
    const char *want;
} SpecCase;

static const ReprCase repr_cases[] = {
    { 0x0.0p+0, "0.0" },
    { -0x0.0p+0, "-0.0" },
    { 0x1.0000000000000p+0, "1.0" },
    { -0x1.0000000000000p+0, "-1.0" },
    { 0x1.999999999999ap-4, "0.1" },
    { 0x1.3333333333334p-2, "0.30000000000000004" },
    { 0x1.5555555555555p-2, "0.3333333333333333" },
    { 0x1.5555555555555p-1, "0.6666666666666666" },
    { 0x1.9000000000000p+6, "100.0" },
    { 0x1.1c37937e08000p+53, "1e+16" },
    { 0x1.c6bf526340000p+49, "1000000000000000.0" },
    { 0x1.b69b4ba630f35p+56, "1.2345678901234568e+17" },
    { 0x1.1c37937e07fffp+53, "9999999999999998.0" },
    { 0x1.a36e2eb1c432dp-14, "0.0001" },
    { 0x1.4f8b588e368f1p-17, "1e-05" },
    { 0x1.421f5f40d8376p-23, "1.5e-07" },
    { 0x1.f75104d551d69p-14, "0.00012" },
    { 0x1.0f0cf064dd592p+73, "1e+22" },
    { 0x1.52d02c7e14af6p+76, "1e+23" },
    { 0x0.0000000000001p-1022, "5e-324" },
    { 0x1.0000000000000p-1022, "2.2250738585072014e-308" },
    { 0x1.fffffffffffffp+1023, "1.7976931348623157e+308" },
    { INFINITY, "inf" },
    { -INFINITY, "-inf" },
    { NAN, "nan" },
    { 0x1.8000000000000p-1021, "6.675221575521604e-308" },
    { 0x1.0000000000000p+60, "1.152921504606847e+18" },
    { 0x1.0000000000000p-20, "9.5367431640625e-07" },
    { 0x1.0000000000000p-1017, "7.120236347223045e-307" },
    { 0x1.921f9f01b866ep+1, "3.14159" },
    { 0x1.4000000000000p+1, "2.5" },
    { 0x1.249ad2594c37dp+332, "1e+100" },
    { -0x1.01297d23ab683p-996, "-1.5e-300" },
    { 0x1.81cd6c8b43958p+13, "12345.678" },
    { 0x1.0000000000000p-1, "0.5" },
    { 0x1.2d68700000000p+20, "1234567.0" },
    { 0x1.1666666666666p+2, "4.35" },
    { 0x1.3fd70a3d70a3dp+3, "9.995" },
};
static const SpecCase spec_cases[] = {
    { 'i', 42, 0, NULL, "", 1, "42" },
    { 'i', 42, 0, NULL, "d", 1, "42" },
    { 'i', -42, 0, NULL, "5", 1, "  -42" },
    { 'i', 42, 0, NULL, "<5", 1, "42   " },
    { 'i', 42, 0, NULL, "^6", 1, "  42  " },
    { 'i', 42, 0, NULL, "^7", 1, "  42   " },
    { 'i', 42, 0, NULL, "*^7", 1, "**42***" },
    { 'i', -42, 0, NULL, "=6", 1, "-   42" },
    { 'i', 42, 0, NULL, "+", 1, "+42" },
    { 'i', 42, 0, NULL, " ", 1, " 42" },
    { 'i', -42, 0, NULL, " ", 1, "-42" },
    { 'i', 42, 0, NULL, "-", 1, "42" },
    { 'i', 42, 0, NULL, "05", 1, "00042" },
    { 'i', -42, 0, NULL, "05", 1, "-0042" },
    { 'i', 42, 0, NULL, "+05", 1, "+0042" },
    { 'i', 1234567, 0, NULL, ",", 1, "1,234,567" },
    { 'i', 1234567, 0, NULL, "_", 1, "1_234_567" },
    { 'i', -1234567, 0, NULL, ",", 1, "-1,234,567" },
    { 'i', 1234, 0, NULL, "08,", 1, "0,001,234" },
    { 'i', 1234, 0, NULL, "010,", 1, "00,001,234" },
    { 'i', 1, 0, NULL, "0=10,", 1, "00,000,001" },
    { 'i', 1234, 0, NULL, "0>10,", 1, "000001,234" },
    { 'i', 255, 0, NULL, "x", 1, "ff" },
    { 'i', 255, 0, NULL, "X", 1, "FF" },
    { 'i', 255, 0, NULL, "#x", 1, "0xff" },
    { 'i', 255, 0, NULL, "#X", 1, "0XFF" },
    { 'i', 255, 0, NULL, "o", 1, "377" },
    { 'i', 255, 0, NULL, "#o", 1, "0o377" },
    { 'i', 5, 0, NULL, "b", 1, "101" },
    { 'i', 5, 0, NULL, "#b", 1, "0b101" },
    { 'i', -255, 0, NULL, "#010x", 1, "-0x00000ff" },
    { 'i', 123456789, 0, NULL, "_x", 1, "75b_cd15" },
    { 'i', 123456789, 0, NULL, "#_b", 1, "0b111_0101_1011_1100_1101_0001_0101" },
    { 'i', 65, 0, NULL, "c", 1, "A" },
    { 'i', 233, 0, NULL, "c", 1, "\xc3""\xa9""" },
    { 'i', 8364, 0, NULL, ">3c", 1, "  \xe2""\x82""\xac""" },
    { 'i', 65, 0, NULL, "05c", 1, "0000A" },
    { 'i', 255, 0, NULL, "n", 1, "255" },
    { 'i', 9223372036854775807, 0, NULL, "", 1, "9223372036854775807" },
    { 'i', INT64_MIN, 0, NULL, "", 1, "-9223372036854775808" },
    { 'i', INT64_MIN, 0, NULL, "x", 1, "-8000000000000000" },
    { 'i', INT64_MIN, 0, NULL, ",", 1, "-9,223,372,036,854,775,808" },
    { 'i', 0, 0, NULL, "#x", 1, "0x0" },
    { 'i', 7, 0, NULL, "\xc3""\xa9"">4", 1, "\xc3""\xa9""\xc3""\xa9""\xc3""\xa9""7" },
    { 'i', 7, 0, NULL, "\xe2""\x82""\xac""^5", 1, "\xe2""\x82""\xac""\xe2""\x82""\xac""7\xe2""\x82""\xac""\xe2""\x82""\xac""" },
    { 'i', 3, 0, NULL, ".2f", 1, "3.00" },
    { 'i', 3, 0, NULL, "e", 1, "3.000000e+00" },
    { 'i', 3, 0, NULL, "%", 1, "300.000000%" },
    { 'i', 5, 0, NULL, "z.2f", 1, "5.00" },
    { 'i', 12, 0, NULL, "=10", 1, "        12" },
    { 'i', -12, 0, NULL, "<+6", 1, "-12   " },
    { 'i', 12, 0, NULL, "x<6", 1, "12xxxx" },
    { 'i', 1, 0, NULL, ".2", 0, "Precision not allowed in integer format specifier" },
    { 'i', 1, 0, NULL, "z", 0, "Negative zero coercion (z) not allowed in integer format specifier" },
    { 'i', 1, 0, NULL, "s", 0, "Unknown format code 's' for object of type 'int'" },
    { 'i', 1, 0, NULL, "\xc3""\xa9""", 0, "Unknown format code '\\xe9' for object of type 'int'" },
    { 'i', 65, 0, NULL, "+c", 0, "Sign not allowed with integer format specifier 'c'" },
    { 'i', 65, 0, NULL, "#c", 0, "Alternate form (#) not allowed with integer format specifier 'c'" },
    { 'i', -1, 0, NULL, "c", 0, "%c arg not in range(0x110000)" },
    { 'i', 1114112, 0, NULL, "c", 0, "%c arg not in range(0x110000)" },
    { 'i', 1, 0, NULL, "abc", 0, "Invalid format specifier 'abc' for object of type 'int'" },
    { 'i', 1, 0, NULL, ",x", 0, "Cannot specify ',' with 'x'." },
    { 'i', 1, 0, NULL, ",b", 0, "Cannot specify ',' with 'b'." },
    { 'i', 1, 0, NULL, ",n", 0, "Cannot specify ',' with 'n'." },
    { 'i', 1, 0, NULL, ",c", 0, "Cannot specify ',' with 'c'." },
    { 'i', 1, 0, NULL, ",_", 0, "Cannot specify both ',' and '_'." },
    { 'i', 1, 0, NULL, "_,", 0, "Cannot specify both ',' and '_'." },
    { 'i', 1, 0, NULL, ",,", 0, "Cannot specify ',' with ','." },
    { 'i', 1, 0, NULL, ".", 0, "Format specifier missing precision" },
    { 'i', 1, 0, NULL, "999999999999999999999999999999", 0, "Too many decimal digits in format string" },
    { 'i', 1, 0, NULL, "\x01""", 0, "Unknown format code '\\x1' for object of type 'int'" },
    { 'f', 0, 0x1.8000000000000p+0, NULL, "", 1, "1.5" },
    { 'f', 0, 0x1.1c37937e08000p+53, NULL, "", 1, "1e+16" },
    { 'f', 0, -0x0.0p+0, NULL, "", 1, "-0.0" },
    { 'f', 0, 0x1.999999999999ap-4, NULL, ".3", 1, "0.1" },
    { 'f', 0, 0x1.9000000000000p+6, NULL, ".3", 1, "1e+02" },
    { 'f', 0, 0x1.4000000000000p+3, NULL, ".3", 1, "10.0" },
    { 'f', 0, 0x1.0000000000000p+0, NULL, ".3", 1, "1.0" },
    { 'f', 0, 0x1.0000000000000p+0, NULL, ".0", 1, "1e+00" },
    { 'f', 0, 0x0.0p+0, NULL, ".0", 1, "0e+00" },
    { 'f', 0, 0x1.a36e2eb1c432dp-14, NULL, ".3", 1, "0.0001" },
    { 'f', 0, 0x1.edd2f1a9fbe77p+6, NULL, ".2", 1, "1.2e+02" },
    { 'f', 0, 0x1.1c37937e08000p+53, NULL, "#", 1, "1.e+16" },
    { 'f', 0, 0x1.0000000000000p+0, NULL, "#", 1, "1.0" },
    { 'f', 0, 0x1.921f9f01b866ep+1, NULL, ".2f", 1, "3.14" },
    { 'f', 0, 0x1.5666666666666p+1, NULL, ".2f", 1, "2.67" },
    { 'f', 0, -0x1.4000000000000p+1, NULL, ".0f", 1, "-2" },
    { 'f', 0, 0x1.0000000000000p-1, NULL, ".0f", 1, "0" },
    { 'f', 0, 0x1.8000000000000p+0, NULL, ".0f", 1, "2" },
    { 'f', 0, 0x1.0000000000000p+0, NULL, "#.0f", 1, "1." },
    { 'f', 0, 0x1.34a0000000000p+10, NULL, "f", 1, "1234.500000" },
    { 'f', 0, 0x1.34a0000000000p+10, NULL, "e", 1, "1.234500e+03" },
    { 'f', 0, 0x1.34a0000000000p+10, NULL, "E", 1, "1.234500E+03" },
    { 'f', 0, 0x1.34a0000000000p+10, NULL, ".2e", 1, "1.23e+03" },
    { 'f', 0, 0x1.0000000000000p+0, NULL, "#.0e", 1, "1.e+00" },
    { 'f', 0, 0x1.34a0000000000p+10, NULL, "g", 1, "1234.5" },
    { 'f', 0, 0x1.34a0000000000p+10, NULL, "G", 1, "1234.5" },
    { 'f', 0, 0x1.5af1d78b58c40p+66, NULL, "g", 1, "1e+20" },
    { 'f', 0, 0x1.5af1d78b58c40p+66, NULL, "#g", 1, "1.00000e+20" },
    { 'f', 0, 0x1.0000000000000p+0, NULL, "#g", 1, "1.00000" },
    { 'f', 0, 0x0.0p+0, NULL, "g", 1, "0" },
    { 'f', 0, 0x1.4f8b588e368f1p-17, NULL, "g", 1, "1e-05" },
    { 'f', 0, 0x1.a36e2eb1c432dp-14, NULL, "g", 1, "0.0001" },
    { 'f', 0, 0x1.e240000000000p+16, NULL, "g", 1, "123456" },
    { 'f', 0, 0x1.2d68700000000p+20, NULL, "g", 1, "1.23457e+06" },
    { 'f', 0, 0x1.2d68700000000p+20, NULL, ".10g", 1, "1234567" },
    { 'f', 0, 0x1.0000000000000p-1, NULL, "n", 1, "0.5" },
    { 'f', 0, 0x1.0000000000000p+0, NULL, "n", 1, "1" },
    { 'f', 0, 0x1.999999999999ap-4, NULL, "%", 1, "10.000000%" },
    { 'f', 0, 0x1.0000000000000p-3, NULL, ".1%", 1, "12.5%" },
    { 'f', 0, 0x1.0000000000000p-1, NULL, ".0%", 1, "50%" },
    { 'f', 0, INFINITY, NULL, "", 1, "inf" },
    { 'f', 0, -INFINITY, NULL, "", 1, "-inf" },
    { 'f', 0, NAN, NULL, "", 1, "nan" },
    { 'f', 0, INFINITY, NULL, "f", 1, "inf" },
    { 'f', 0, INFINITY, NULL, "F", 1, "INF" },
    { 'f', 0, NAN, NULL, "E", 1, "NAN" },
    { 'f', 0, NAN, NULL, "+", 1, "+nan" },
    { 'f', 0, INFINITY, NULL, "010", 1, "0000000inf" },
    { 'f', 0, -INFINITY, NULL, "+010", 1, "-000000inf" },
    { 'f', 0, INFINITY, NULL, "%", 1, "inf%" },
    { 'f', 0, 0x1.2d68700000000p+20, NULL, ",", 1, "1,234,567.0" },
    { 'f', 0, 0x1.2d687e4189375p+20, NULL, ",.2f", 1, "1,234,567.89" },
    { 'f', 0, 0x1.2d687e4189375p+20, NULL, "_.2f", 1, "1_234_567.89" },
    { 'f', 0, 0x1.34a0000000000p+10, NULL, "010,.1f", 1, "0,001,234.5" },
    { 'f', 0, -0x1.34a0000000000p+10, NULL, "=+12,.2f", 1, "-   1,234.50" },
    { 'f', 0, 0x1.5af1d78b58c40p+66, NULL, ",", 1, "1e+20" },
    { 'f', 0, 0x1.c000000000000p+1, NULL, "08.2f", 1, "00003.50" },
    { 'f', 0, -0x1.c000000000000p+1, NULL, "08.2f", 1, "-0003.50" },
    { 'f', 0, 0x1.c000000000000p+1, NULL, "<8.2f", 1, "3.50    " },
    { 'f', 0, 0x1.c000000000000p+1, NULL, "^9.2f", 1, "  3.50   " },
    { 'f', 0, 0x1.c000000000000p+1, NULL, "*>+9.2f", 1, "****+3.50" },
    { 'f', 0, 0x1.c000000000000p+1, NULL, " .1f", 1, " 3.5" },
    { 'f', 0, -0x0.0p+0, NULL, "z", 1, "0.0" },
    { 'f', 0, -0x0.0p+0, NULL, "z.1f", 1, "0.0" },
    { 'f', 0, -0x1.a36e2eb1c432dp-14, NULL, "z.2f", 1, "0.00" },
    { 'f', 0, -0x1.a36e2eb1c432dp-14, NULL, "z.2e", 1, "-1.00e-04" },
    { 'f', 0, -0x0.0p+0, NULL, ".0f", 1, "-0" },
    { 'f', 0, -0x1.ad7f29abcaf48p-24, NULL, ".3f", 1, "-0.000" },
    { 'f', 0, 0x1.ddd4baa009303p+999, NULL, ">+10", 1, "   +1e+301" },
    { 'f', 0, 0x1.0000000000001p+53, NULL, "e", 1, "9.007199e+15" },
    { 'f', 0, 0x0.012688b70e62bp-1022, NULL, "", 1, "1e-310" },
    { 'f', 0, 0x1.999999999999ap-4, NULL, ".20f", 1, "0.10000000000000000555" },
    { 'f', 0, 0x1.5555555555555p-2, NULL, ".17g", 1, "0.33333333333333331" },
    { 'f', 0, 0x1.81cd6c8b43958p+13, NULL, ".1", 1, "1e+04" },
    { 'f', 0, 0x1.81cd6c8b43958p+13, NULL, ".5", 1, "1.2346e+04" },
    { 'f', 0, 0x1.81cd6c8b43958p+13, NULL, ".6", 1, "12345.7" },
    { 'f', 0, 0x1.869f800000000p+16, NULL, ".5", 1, "1e+05" },
    { 'f', 0, 0x1.3000000000000p+3, NULL, ".1", 1, "1e+01" },
    { 'f', 0, 0x1.ec00000000000p+6, NULL, "5", 1, "123.0" },
    { 'f', 0, 0x1.ec00000000000p+6, NULL, ">10", 1, "     123.0" },
    { 'f', 0, 0x1.ec00000000000p+6, NULL, "010", 1, "00000123.0" },
    { 'f', 0, -0x1.8000000000000p+0, NULL, "010,", 1, "-000,001.5" },
    { 'f', 0, 0x1.1c37937e08000p+53, NULL, "020,", 1, "0,000,000,000,001e+16" },
    { 'f', 0, 0x1.8000000000000p+0, NULL, "d", 0, "Unknown format code 'd' for object of type 'float'" },
    { 'f', 0, 0x1.8000000000000p+0, NULL, "s", 0, "Unknown format code 's' for object of type 'float'" },
    { 'f', 0, 0x1.8000000000000p+0, NULL, "x", 0, "Unknown format code 'x' for object of type 'float'" },
    { 'f', 0, 0x1.8000000000000p+0, NULL, "c", 0, "Unknown format code 'c' for object of type 'float'" },
    { 'f', 0, 0x1.8000000000000p+0, NULL, "abc", 0, "Invalid format specifier 'abc' for object of type 'float'" },
    { 'f', 0, 0x1.8000000000000p+0, NULL, "_x", 0, "Unknown format code 'x' for object of type 'float'" },
    { 'f', 0, 0x1.8000000000000p+0, NULL, "\xc3""\xa9""", 0, "Unknown format code '\\xe9' for object of type 'float'" },
    { 's', 0, 0, "abc", "", 1, "abc" },
    { 's', 0, 0, "abc", "s", 1, "abc" },
    { 's', 0, 0, "abc", "5", 1, "abc  " },
    { 's', 0, 0, "abc", ">5", 1, "  abc" },
    { 's', 0, 0, "abc", "^6", 1, " abc  " },
    { 's', 0, 0, "abc", "^7", 1, "  abc  " },
    { 's', 0, 0, "abc", "*<6", 1, "abc***" },
    { 's', 0, 0, "abc", ".1", 1, "a" },
    { 's', 0, 0, "abc", ".0", 1, "" },
    { 's', 0, 0, "abc", ".5", 1, "abc" },
    { 's', 0, 0, "abc", "5.2", 1, "ab   " },
    { 's', 0, 0, "abc", ">5.2s", 1, "   ab" },
    { 's', 0, 0, "h\xc3""\xa9""llo", "7", 1, "h\xc3""\xa9""llo  " },
    { 's', 0, 0, "h\xc3""\xa9""llo", ">7", 1, "  h\xc3""\xa9""llo" },
    { 's', 0, 0, "h\xc3""\xa9""llo", ".2", 1, "h\xc3""\xa9""" },
    { 's', 0, 0, "\xe2""\x82""\xac""\xe2""\x82""\xac""", "x^6", 1, "xx\xe2""\x82""\xac""\xe2""\x82""\xac""xx" },
    { 's', 0, 0, "abc", "\xc3""\xa9""^7", 1, "\xc3""\xa9""\xc3""\xa9""abc\xc3""\xa9""\xc3""\xa9""" },
    { 's', 0, 0, "ab", "05", 1, "ab000" },
    { 's', 0, 0, "ab", "0>5", 1, "000ab" },
    { 's', 0, 0, "", "3", 1, "   " },
    { 's', 0, 0, "abc", "2", 1, "abc" },
    { 's', 0, 0, "a", "+", 0, "Sign not allowed in string format specifier" },
    { 's', 0, 0, "a", " ", 0, "Space not allowed in string format specifier" },
    { 's', 0, 0, "a", "-", 0, "Sign not allowed in string format specifier" },
    { 's', 0, 0, "a", "#", 0, "Alternate form (#) not allowed in string format specifier" },
    { 's', 0, 0, "a", "=", 0, "'=' alignment not allowed in string format specifier" },
    { 's', 0, 0, "a", "z", 0, "Negative zero coercion (z) not allowed in string format specifier" },
    { 's', 0, 0, "a", ",", 0, "Cannot specify ',' with 's'." },
    { 's', 0, 0, "a", "_", 0, "Cannot specify '_' with 's'." },
    { 's', 0, 0, "a", "d", 0, "Unknown format code 'd' for object of type 'str'" },
    { 's', 0, 0, "a", ",s", 0, "Cannot specify ',' with 's'." },
    { 's', 0, 0, "a", "abc", 0, "Invalid format specifier 'abc' for object of type 'str'" },
    { 's', 0, 0, "a", "\xc3""\xa9""", 0, "Unknown format code '\\xe9' for object of type 'str'" },
    { 's', 0, 0, "a", "+,", 0, "Cannot specify ',' with 's'." },
};

static void test_strbuf(void **state)
{
    (void)state;
    StrBuf sb;
    sb_init(&sb);
    sb_putc(&sb, 'a');
    sb_puts(&sb, "bc");
    sb_append(&sb, "defgh", 2);
    for (int i = 0; i < 100; i++)
        sb_printf(&sb, "%d", i % 10);
    assert_int_equal(sb.len, 105);
    assert_memory_equal(sb.buf, "abcde0123", 9);
    sb_printf(&sb, "%s", "");
    char *s = sb_detach(&sb);
    assert_int_equal(strlen(s), 105);
    assert_null(sb.buf);
    assert_int_equal(sb.len, 0);
    free(s);
    sb_init(&sb);
    s = sb_detach(&sb);            /* an empty buffer still detaches to "" */
    assert_string_equal(s, "");
    free(s);
    sb_free(&sb);
}

static void test_fmt_int(void **state)
{
    (void)state;
    static const struct { int64_t v; const char *want; } cases[] = {
        { 0, "0" }, { -1, "-1" }, { 42, "42" },
        { INT64_MAX, "9223372036854775807" }, { INT64_MIN, "-9223372036854775808" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        StrBuf sb;
        sb_init(&sb);
        fmt_int(&sb, cases[i].v);
        assert_string_equal(sb.buf, cases[i].want);
        sb_free(&sb);
    }
}

static void test_float_repr(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof repr_cases / sizeof repr_cases[0]; i++) {
        StrBuf sb;
        sb_init(&sb);
        fmt_float_repr(&sb, repr_cases[i].x);
        if (strcmp(sb.buf, repr_cases[i].want) != 0)
            fail_msg("repr case %zu: got '%s', want '%s'", i, sb.buf, repr_cases[i].want);
        sb_free(&sb);
    }
}

/* Whatever the digits, repr must read back to the same double and never
 * need 17 digits when 16 do: checked on pseudo-random bit patterns. */
static void test_float_repr_roundtrip(void **state)
{
    (void)state;
    uint64_t seed = 0x9E3779B97F4A7C15u;
    for (int i = 0; i < 20000; i++) {
        seed ^= seed << 13, seed ^= seed >> 7, seed ^= seed << 17;
        double x;
        memcpy(&x, &seed, sizeof x);
        if (!isfinite(x))
            continue;
        StrBuf sb;
        sb_init(&sb);
        fmt_float_repr(&sb, x);
        if (strtod(sb.buf, NULL) != x)
            fail_msg("repr '%s' does not read back", sb.buf);
        sb_free(&sb);
    }
}

static void test_spec_cases(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof spec_cases / sizeof spec_cases[0]; i++) {
        const SpecCase *c = &spec_cases[i];
        StrBuf sb;
        sb_init(&sb);
        char err[256] = "";
        FmtSpec spec;
        int rc = fmt_spec_parse(c->spec, strlen(c->spec), &spec, err, sizeof err);
        if (rc == 0) {
            if (c->kind == 'i')
                rc = fmt_spec_int(&sb, c->i, &spec, err, sizeof err);
            else if (c->kind == 'f')
                rc = fmt_spec_float(&sb, c->f, &spec, err, sizeof err);
            else
                rc = fmt_spec_str(&sb, c->s, strlen(c->s), &spec, err, sizeof err);
        }
        const char *got = rc == 0 ? (sb.buf ? sb.buf : "") : err;
        if ((rc == 0) != c->ok || strcmp(got, c->want) != 0)
            fail_msg("case %zu (%c, spec '%s'): got %s '%s', want %s '%s'", i, c->kind, c->spec,
                     rc == 0 ? "result" : "error", got, c->ok ? "result" : "error", c->want);
        sb_free(&sb);
    }
}

static void test_spec_parse_fields(void **state)
{
    (void)state;
    FmtSpec s;
    char err[128];
    assert_int_equal(fmt_spec_parse("\xe2\x82\xac^+#012,.3f", 13, &s, err, sizeof err), 0);
    assert_string_equal(s.fill, "\xe2\x82\xac");
    assert_int_equal(s.align, '^');
    assert_int_equal(s.sign, '+');
    assert_true(s.alt);
    assert_false(s.zero);          /* a fill was given, so '0' starts the width */
    assert_int_equal(s.width, 12);
    assert_int_equal(s.grouping, ',');
    assert_int_equal(s.precision, 3);
    assert_int_equal(s.type, 'f');

    assert_int_equal(fmt_spec_parse("", 0, &s, err, sizeof err), 0);
    assert_int_equal(s.width, -1);
    assert_int_equal(s.precision, -1);
    assert_int_equal(s.type, 0);
    assert_int_equal(s.align, 0);
    assert_string_equal(s.fill, " ");

    assert_int_equal(fmt_spec_parse("08", 2, &s, err, sizeof err), 0);
    assert_true(s.zero);
    assert_int_equal(s.width, 8);

    /* Only part of a buffer is the spec: the length rules, not the NUL. */
    assert_int_equal(fmt_spec_parse(">5d}", 3, &s, err, sizeof err), 0);
    assert_int_equal(s.type, 'd');
    assert_int_equal(s.width, 5);
}

/* Output that must not be cut at an embedded NUL: format(0, '3c') is two spaces and chr(0). */
static void test_int_char_nul(void **state)
{
    (void)state;
    FmtSpec s;
    char err[128];
    StrBuf sb;
    sb_init(&sb);
    assert_int_equal(fmt_spec_parse("3c", 2, &s, err, sizeof err), 0);
    assert_int_equal(fmt_spec_int(&sb, 0, &s, err, sizeof err), 0);
    assert_int_equal(sb.len, 3);
    assert_memory_equal(sb.buf, "  \0", 3);
    sb_free(&sb);
}

static void test_huge_width_is_refused(void **state)
{
    (void)state;
    FmtSpec s;
    char err[128] = "";
    assert_int_equal(fmt_spec_parse("2000000000", 10, &s, err, sizeof err), -1);
    assert_non_null(strstr(err, "too large"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_strbuf),
        cmocka_unit_test(test_fmt_int),
        cmocka_unit_test(test_float_repr),
        cmocka_unit_test(test_float_repr_roundtrip),
        cmocka_unit_test(test_spec_cases),
        cmocka_unit_test(test_spec_parse_fields),
        cmocka_unit_test(test_int_char_nul),
        cmocka_unit_test(test_huge_width_is_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
