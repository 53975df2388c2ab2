package smtptest

import (
	"encoding/base64"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"strings"
)

// partOf finds the part of a (possibly multipart) body with the wanted content type and decodes
// it from its transfer encoding.
func partOf(contentType, encoding string, body io.Reader, want string) string {
	mediaType, params, err := mime.ParseMediaType(contentType)
	if err != nil {
		return ""
	}
	if strings.HasPrefix(mediaType, "multipart/") {
		mr := multipart.NewReader(body, params["boundary"])
		for {
			p, err := mr.NextPart()
			if err != nil {
				return ""
			}
			if found := partOf(p.Header.Get("Content-Type"), p.Header.Get("Content-Transfer-Encoding"), p, want); found != "" {
				return found
			}
		}
	}
	if mediaType != want {
		return ""
	}
	var r io.Reader = body
	switch strings.ToLower(encoding) {
	case "quoted-printable":
		r = quotedprintable.NewReader(body)
	case "base64":
		r = base64.NewDecoder(base64.StdEncoding, body)
	}
	b, _ := io.ReadAll(r)
	return string(b)
}
