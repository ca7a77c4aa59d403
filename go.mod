module github.com/oversight/oversight

go 1.26.8
