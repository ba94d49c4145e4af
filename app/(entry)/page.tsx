import { EntryPage } from "@/app/_components/ui/EntryPage";

export default function RootEntry() {
  return <EntryPage rest="" />;
}
