module oversight

go 1.26.8

require (
	github.com/maxence-charriere/go-app/v10 v10.1.11
	github.com/yuin/goldmark v1.8.7
	go.yaml.in/yaml/v3 v3.0.6
)

require github.com/google/uuid v1.6.0 // indirect
