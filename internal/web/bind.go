package web

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"reflect"
	"strings"
	"unicode/utf8"

	"github.com/go-playground/validator/v10"
	"github.com/labstack/echo/v4"

	"threesixty/internal/threesixty"
)

// maxJSONBody bounds API request bodies; a rater list of hundreds of rows fits easily.
const maxJSONBody = 1 << 20

// newValidator reports fields by their JSON names, so errors name what the client sent.
func newValidator() *validator.Validate {
	v := validator.New(validator.WithRequiredStructEnabled())
	v.RegisterTagNameFunc(func(f reflect.StructField) string {
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" {
			return ""
		}
		return name
	})
	return v
}

// echoValidator makes the validator Echo's, as c.Validate.
type echoValidator struct{ v *validator.Validate }

func (ev echoValidator) Validate(i any) error {
	err := ev.v.Struct(i)
	var verrs validator.ValidationErrors
	if !errors.As(err, &verrs) {
		return err
	}
	fields := make([]threesixty.FieldError, len(verrs))
	for i, fe := range verrs {
		_, path, _ := strings.Cut(fe.Namespace(), ".")
		fields[i] = threesixty.FieldError{Field: path, Message: fieldMessage(fe)}
	}
	return threesixty.Invalid("the request has invalid fields", fields)
}

func fieldMessage(fe validator.FieldError) string {
	switch fe.Tag() {
	case "required":
		return "is required"
	case "email":
		return fmt.Sprintf("%q is not an email address", fe.Value())
	case "min":
		if fe.Kind() == reflect.String {
			return "must be at least " + fe.Param() + " characters"
		}
		return "must be at least " + fe.Param()
	case "max":
		if fe.Kind() == reflect.String {
			return "must be at most " + fe.Param() + " characters"
		}
		return "must be at most " + fe.Param()
	case "oneof":
		return "must be one of: " + strings.ReplaceAll(fe.Param(), " ", ", ")
	}
	return "is not valid (" + fe.Tag() + ")"
}

// bindJSON decodes a JSON body strictly (unknown fields are errors) and validates it.
func bindJSON(c echo.Context, dst any) error {
	if mt, _, _ := mime.ParseMediaType(c.Request().Header.Get("Content-Type")); mt != "application/json" {
		return threesixty.Errorf(threesixty.EMALFORMED, "send JSON with Content-Type: application/json")
	}
	body, err := io.ReadAll(io.LimitReader(c.Request().Body, maxJSONBody+1))
	if err != nil {
		return threesixty.Errorf(threesixty.EMALFORMED, "the request body could not be read")
	}
	if len(body) > maxJSONBody {
		return threesixty.Errorf(threesixty.ETOOLARGE, "the request body is larger than %d bytes", maxJSONBody)
	}
	// encoding/json would quietly turn bytes that are not UTF-8 into U+FFFD, and store text that
	// nobody sent; JSON is UTF-8, so such a body is not JSON.
	if at := invalidUTF8(body); at >= 0 {
		line, col := position(body, int64(at))
		return threesixty.Errorf(threesixty.EMALFORMED, "the body is not UTF-8 text: line %d, column %d holds bytes that are not", line, col)
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(dst); err != nil {
		return jsonError(body, err)
	}
	if dec.More() {
		return threesixty.Errorf(threesixty.EMALFORMED, "the body holds more than one JSON value")
	}
	return c.Validate(dst)
}

// jsonError says what is wrong with a body and where, without echoing Go type names.
func jsonError(body []byte, err error) error {
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syntax):
		line, col := position(body, syntax.Offset)
		return threesixty.Errorf(threesixty.EMALFORMED, "invalid JSON at line %d, column %d: %s", line, col, syntax.Error())
	case errors.As(err, &typ):
		return threesixty.Invalid("the request has invalid fields", []threesixty.FieldError{{Field: typ.Field, Message: "must be a " + jsonKind(typ.Type)}})
	case errors.Is(err, io.EOF):
		return threesixty.Errorf(threesixty.EMALFORMED, "the request body is empty")
	case errors.Is(err, io.ErrUnexpectedEOF):
		return threesixty.Errorf(threesixty.EMALFORMED, "the JSON body ends too early")
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		field := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		return threesixty.Invalid("the request has unknown fields", []threesixty.FieldError{{Field: field, Message: "is not a known field"}})
	}
	return threesixty.Errorf(threesixty.EMALFORMED, "the JSON body could not be read")
}

func jsonKind(t reflect.Type) string {
	switch t.Kind() {
	case reflect.String:
		return "string"
	case reflect.Bool:
		return "boolean (true or false)"
	case reflect.Int, reflect.Int64, reflect.Int32, reflect.Float64:
		return "number"
	case reflect.Slice:
		return "list"
	case reflect.Struct:
		if t.Name() == "Time" {
			return "time in RFC 3339 form, such as 2026-12-01T17:00:00Z"
		}
		return "object"
	case reflect.Pointer:
		return jsonKind(t.Elem())
	}
	return t.Kind().String()
}

// invalidUTF8 is the offset of the first byte of b that is not UTF-8, -1 when all of it is.
func invalidUTF8(b []byte) int {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return -1
}

func position(body []byte, offset int64) (line, col int) {
	line, col = 1, 1
	for i := int64(0); i < offset && i < int64(len(body)); i++ {
		if body[i] == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
	}
	return line, col
}
