/* qpdf_lib.h - libqpdf loaded for the PDF's post-pass, not at every start: the post-pass's calls go through pointers of the same names. */
#ifndef FOLIO_QPDF_LIB_H
#define FOLIO_QPDF_LIB_H

#include <stdbool.h>
#include <qpdf/qpdf-c.h>

/* Every libqpdf function folio calls. */
#define FOLIO_QPDF_FUNCTIONS(X) \
	X(qpdf_cleanup) X(qpdf_get_error) X(qpdf_get_error_full_text) X(qpdf_get_num_pages) \
	X(qpdf_get_page_n) X(qpdf_get_root) X(qpdf_get_trailer) X(qpdf_has_error) \
	X(qpdf_init) X(qpdf_init_write) X(qpdf_more_warnings) X(qpdf_next_warning) \
	X(qpdf_oh_append_item) X(qpdf_oh_begin_dict_key_iter) X(qpdf_oh_dict_more_keys) X(qpdf_oh_dict_next_key) \
	X(qpdf_oh_get_array_item) X(qpdf_oh_get_array_n_items) X(qpdf_oh_get_dict) X(qpdf_oh_get_int_value) \
	X(qpdf_oh_get_key) X(qpdf_oh_get_key_if_dict) X(qpdf_oh_get_name) X(qpdf_oh_get_numeric_value) \
	X(qpdf_oh_get_object_id) X(qpdf_oh_get_page_content_data) X(qpdf_oh_get_stream_data) X(qpdf_oh_get_utf8_value) \
	X(qpdf_oh_has_key) X(qpdf_oh_is_array) X(qpdf_oh_is_dictionary) X(qpdf_oh_is_dictionary_of_type) \
	X(qpdf_oh_is_integer) X(qpdf_oh_is_name) X(qpdf_oh_is_name_and_equals) X(qpdf_oh_is_null) \
	X(qpdf_oh_is_number) X(qpdf_oh_is_stream) X(qpdf_oh_is_string) X(qpdf_oh_new_array) \
	X(qpdf_oh_new_dictionary) X(qpdf_oh_new_integer) X(qpdf_oh_new_name) X(qpdf_oh_new_null) \
	X(qpdf_oh_new_object) X(qpdf_oh_new_stream) X(qpdf_oh_new_string) X(qpdf_oh_new_unicode_string) \
	X(qpdf_oh_parse) X(qpdf_oh_release) X(qpdf_oh_remove_key) X(qpdf_oh_replace_key) \
	X(qpdf_oh_replace_stream_data) X(qpdf_oh_set_array_item) X(qpdf_oh_wrap_in_array) X(qpdf_read_memory) \
	X(qpdf_set_compress_streams) X(qpdf_set_decode_level) X(qpdf_set_deterministic_ID) X(qpdf_set_minimum_pdf_version) X(qpdf_set_object_stream_mode) \
	X(qpdf_set_suppress_warnings) X(qpdf_silence_errors) X(qpdf_write)

struct libqpdf {
#define FOLIO_QPDF_POINTER(name) __typeof__(name) *p_##name;
	FOLIO_QPDF_FUNCTIONS(FOLIO_QPDF_POINTER)
#undef FOLIO_QPDF_POINTER
};
extern struct libqpdf libqpdf;

/* libqpdf loaded (once for the process; any thread may ask, the first one loads it while the
   others wait); false, with *error saying why (static), when it cannot be. */
bool libqpdf_load(const char **error);
/* The same begun on a thread of its own, to be ready when the PDF is drawn. */
void libqpdf_preload(void);

#define qpdf_cleanup (libqpdf.p_qpdf_cleanup)
#define qpdf_get_error (libqpdf.p_qpdf_get_error)
#define qpdf_get_error_full_text (libqpdf.p_qpdf_get_error_full_text)
#define qpdf_get_num_pages (libqpdf.p_qpdf_get_num_pages)
#define qpdf_get_page_n (libqpdf.p_qpdf_get_page_n)
#define qpdf_get_root (libqpdf.p_qpdf_get_root)
#define qpdf_get_trailer (libqpdf.p_qpdf_get_trailer)
#define qpdf_has_error (libqpdf.p_qpdf_has_error)
#define qpdf_init (libqpdf.p_qpdf_init)
#define qpdf_init_write (libqpdf.p_qpdf_init_write)
#define qpdf_more_warnings (libqpdf.p_qpdf_more_warnings)
#define qpdf_next_warning (libqpdf.p_qpdf_next_warning)
#define qpdf_oh_append_item (libqpdf.p_qpdf_oh_append_item)
#define qpdf_oh_begin_dict_key_iter (libqpdf.p_qpdf_oh_begin_dict_key_iter)
#define qpdf_oh_dict_more_keys (libqpdf.p_qpdf_oh_dict_more_keys)
#define qpdf_oh_dict_next_key (libqpdf.p_qpdf_oh_dict_next_key)
#define qpdf_oh_get_array_item (libqpdf.p_qpdf_oh_get_array_item)
#define qpdf_oh_get_array_n_items (libqpdf.p_qpdf_oh_get_array_n_items)
#define qpdf_oh_get_dict (libqpdf.p_qpdf_oh_get_dict)
#define qpdf_oh_get_int_value (libqpdf.p_qpdf_oh_get_int_value)
#define qpdf_oh_get_key (libqpdf.p_qpdf_oh_get_key)
#define qpdf_oh_get_key_if_dict (libqpdf.p_qpdf_oh_get_key_if_dict)
#define qpdf_oh_get_name (libqpdf.p_qpdf_oh_get_name)
#define qpdf_oh_get_numeric_value (libqpdf.p_qpdf_oh_get_numeric_value)
#define qpdf_oh_get_object_id (libqpdf.p_qpdf_oh_get_object_id)
#define qpdf_oh_get_page_content_data (libqpdf.p_qpdf_oh_get_page_content_data)
#define qpdf_oh_get_stream_data (libqpdf.p_qpdf_oh_get_stream_data)
#define qpdf_oh_get_utf8_value (libqpdf.p_qpdf_oh_get_utf8_value)
#define qpdf_oh_has_key (libqpdf.p_qpdf_oh_has_key)
#define qpdf_oh_is_array (libqpdf.p_qpdf_oh_is_array)
#define qpdf_oh_is_dictionary (libqpdf.p_qpdf_oh_is_dictionary)
#define qpdf_oh_is_dictionary_of_type (libqpdf.p_qpdf_oh_is_dictionary_of_type)
#define qpdf_oh_is_integer (libqpdf.p_qpdf_oh_is_integer)
#define qpdf_oh_is_name (libqpdf.p_qpdf_oh_is_name)
#define qpdf_oh_is_name_and_equals (libqpdf.p_qpdf_oh_is_name_and_equals)
#define qpdf_oh_is_null (libqpdf.p_qpdf_oh_is_null)
#define qpdf_oh_is_number (libqpdf.p_qpdf_oh_is_number)
#define qpdf_oh_is_stream (libqpdf.p_qpdf_oh_is_stream)
#define qpdf_oh_is_string (libqpdf.p_qpdf_oh_is_string)
#define qpdf_oh_new_array (libqpdf.p_qpdf_oh_new_array)
#define qpdf_oh_new_dictionary (libqpdf.p_qpdf_oh_new_dictionary)
#define qpdf_oh_new_integer (libqpdf.p_qpdf_oh_new_integer)
#define qpdf_oh_new_name (libqpdf.p_qpdf_oh_new_name)
#define qpdf_oh_new_null (libqpdf.p_qpdf_oh_new_null)
#define qpdf_oh_new_object (libqpdf.p_qpdf_oh_new_object)
#define qpdf_oh_new_stream (libqpdf.p_qpdf_oh_new_stream)
#define qpdf_oh_new_string (libqpdf.p_qpdf_oh_new_string)
#define qpdf_oh_new_unicode_string (libqpdf.p_qpdf_oh_new_unicode_string)
#define qpdf_oh_parse (libqpdf.p_qpdf_oh_parse)
#define qpdf_oh_release (libqpdf.p_qpdf_oh_release)
#define qpdf_oh_remove_key (libqpdf.p_qpdf_oh_remove_key)
#define qpdf_oh_replace_key (libqpdf.p_qpdf_oh_replace_key)
#define qpdf_oh_replace_stream_data (libqpdf.p_qpdf_oh_replace_stream_data)
#define qpdf_oh_set_array_item (libqpdf.p_qpdf_oh_set_array_item)
#define qpdf_oh_wrap_in_array (libqpdf.p_qpdf_oh_wrap_in_array)
#define qpdf_read_memory (libqpdf.p_qpdf_read_memory)
#define qpdf_set_compress_streams (libqpdf.p_qpdf_set_compress_streams)
#define qpdf_set_decode_level (libqpdf.p_qpdf_set_decode_level)
#define qpdf_set_deterministic_ID (libqpdf.p_qpdf_set_deterministic_ID)
#define qpdf_set_minimum_pdf_version (libqpdf.p_qpdf_set_minimum_pdf_version)
#define qpdf_set_object_stream_mode (libqpdf.p_qpdf_set_object_stream_mode)
#define qpdf_set_suppress_warnings (libqpdf.p_qpdf_set_suppress_warnings)
#define qpdf_silence_errors (libqpdf.p_qpdf_silence_errors)
#define qpdf_write (libqpdf.p_qpdf_write)

#endif
