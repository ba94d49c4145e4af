import { EntryPage } from "@/app/_components/ui/EntryPage";

export default function PlayEntry() {
  return <EntryPage rest="play/" />;
}
