package main

import "github.com/segmentio/analytics-go/v3"

const SignedUp = "Signed Up"

func main() {
	client := analytics.New("h97jamjwbh")
	client.Enqueue(analytics.Track{
		UserId:     "f4ca124298",
		Event:      SignedUp,
		Properties: analytics.NewProperties().Set("plan", "Enterprise").Set("friends", 42),
	})
}
