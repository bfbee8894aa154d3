package data

import (
	"bytes"
	"fmt"
	"os"
	"testing"
)

// generatedLeadFile returns a CSV file of n leads at n/4 companies, every
// tenth without an e-mail address.
func generatedLeadFile(n int) []byte {
	var b bytes.Buffer
	b.WriteString("ID,First Name,Last Name,Company,Email,Phone,City,Lead Source\n")
	for i := range n {
		email := fmt.Sprintf("person%d@firma%d.example", i, i/4)
		if i%10 == 9 {
			email = ""
		}
		fmt.Fprintf(&b, "%d,Vorname%d,Nachname%d,Firma %d GmbH,%s,+49 30 %07d,Köln,Messe\n",
			i+1, i, i, i/4, email, i)
	}

	return b.Bytes()
}

func writeBenchFile(b *testing.B, path string, content []byte) {
	b.Helper()

	if err := os.WriteFile(path, content, 0o600); err != nil {
		b.Fatal(err)
	}
}
